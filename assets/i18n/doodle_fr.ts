<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>BrushSizes</name>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="169"/>
        <source>thin</source>
        <translation>fin</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="169"/>
        <source>medium</source>
        <translation>moyen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="169"/>
        <source>thick</source>
        <translation>épais</translation>
    </message>
</context>
<context>
    <name>ClassroomTools</name>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="110"/>
        <source>My drawings</source>
        <translation>Mes dessins</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="111"/>
        <source>See, open and share your saved drawings</source>
        <translation>Voir, ouvrir et partager tes dessins enregistrés</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="112"/>
        <source>Print</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="113"/>
        <source>Print this drawing</source>
        <translation>Imprimer ce dessin</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="114"/>
        <source>Share</source>
        <translation>Partager</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="115"/>
        <source>Save this drawing as a picture, animation or tune</source>
        <translation>Enregistrer ce dessin en image, en animation ou en mélodie</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="117"/>
        <source>Picture (PNG)</source>
        <translation>Image (PNG)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="118"/>
        <source>Vector picture (SVG)</source>
        <translation>Image vectorielle (SVG)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="119"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="120"/>
        <source>Animation of the drawing (GIF)</source>
        <translation>Animation du dessin (GIF)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="121"/>
        <source>Quick, Draw! data (ndjson)</source>
        <translation>Données Quick, Draw! (ndjson)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="122"/>
        <source>Melody (MIDI)</source>
        <translation>Mélodie (MIDI)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="126"/>
        <source>Teacher</source>
        <translation>Enseignant</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="127"/>
        <source>Settings for teachers (PIN)</source>
        <translation>Réglages pour les enseignants (code PIN)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="140"/>
        <source>The last drawing could not be opened again: %1</source>
        <translation>Le dernier dessin n’a pas pu être rouvert : %1</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="225"/>
        <source>Your drawing could not be saved in %1, so it is kept safe in %2. Please tell your teacher.</source>
        <translation>Ton dessin n’a pas pu être enregistré dans %1, il est donc gardé en sécurité dans %2. Préviens ton enseignant.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="232"/>
        <source>Your drawing could not be saved anywhere. Keep Doodle open and tell your teacher.</source>
        <translation>Ton dessin n’a pu être enregistré nulle part. Laisse Doodle ouvert et préviens ton enseignant.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="266"/>
        <source>That drawing could not be opened: %1</source>
        <translation>Impossible d’ouvrir ce dessin : %1</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="281"/>
        <source>Please type the teacher PIN to export.</source>
        <translation>Tape le code PIN de l’enseignant pour exporter.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="289"/>
        <source>Export did not work: %1</source>
        <translation>L’export n’a pas marché : %1</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="291"/>
        <source>Saved in %1</source>
        <translation>Enregistré dans %1</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="342"/>
        <source>Please type the teacher PIN to close Doodle.</source>
        <translation>Tape le code PIN de l’enseignant pour fermer Doodle.</translation>
    </message>
</context>
<context>
    <name>ColorPalette</name>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="117"/>
        <source>black</source>
        <translation>noir</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="118"/>
        <source>red</source>
        <translation>rouge</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="119"/>
        <source>orange</source>
        <translation>orange</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="120"/>
        <source>yellow</source>
        <translation>jaune</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="121"/>
        <source>green</source>
        <translation>vert</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="122"/>
        <source>blue</source>
        <translation>bleu</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="123"/>
        <source>purple</source>
        <translation>violet</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="124"/>
        <source>brown</source>
        <translation>marron</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="125"/>
        <source>pink</source>
        <translation>rose</translation>
    </message>
</context>
<context>
    <name>CompletionPreview</name>
    <message>
        <location filename="../../doodle/ui/completion.py" line="74"/>
        <source>Finish it</source>
        <translation>Finir le dessin</translation>
    </message>
</context>
<context>
    <name>CurrentObjectButton</name>
    <message>
        <location filename="../../doodle/ui/picker.py" line="218"/>
        <source>Choose what to draw</source>
        <translation>Choisis ce que tu veux dessiner</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/picker.py" line="219"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
</context>
<context>
    <name>DrawAlong</name>
    <message>
        <location filename="../../doodle/ui/draw_along.py" line="51"/>
        <source>This drawing helper is not working right now. Please ask a grown-up to check the installed drawings.</source>
        <translation>Cet assistant de dessin ne marche pas pour l’instant. Demande à un adulte de vérifier les assistants installés.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/draw_along.py" line="56"/>
        <source>Oops, the drawing helper got muddled. Please try again!</source>
        <translation>Oups, l’assistant de dessin s’est embrouillé. Réessaie !</translation>
    </message>
</context>
<context>
    <name>DrawingDocument</name>
    <message>
        <location filename="../../doodle/ui/document.py" line="90"/>
        <source>Draw</source>
        <translation>Dessin</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/document.py" line="109"/>
        <source>Erase</source>
        <translation>Gommer</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/document.py" line="113"/>
        <source>Clear</source>
        <translation>Nouvelle page</translation>
    </message>
</context>
<context>
    <name>GalleryDialog</name>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="133"/>
        <source>My drawings</source>
        <translation>Mes dessins</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="154"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="155"/>
        <source>Name...</source>
        <translation>Nom…</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="156"/>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="157"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="159"/>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="165"/>
        <source>Print</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="166"/>
        <source>Morph these two</source>
        <translation>Transformer ces deux-là</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="169"/>
        <source>Print class sheet</source>
        <translation>Imprimer la planche de la classe</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="170"/>
        <source>Trash</source>
        <translation>Corbeille</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="172"/>
        <source>Put back</source>
        <translation>Remettre</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="173"/>
        <source>Empty trash</source>
        <translation>Vider la corbeille</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="174"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="224"/>
        <source>Picture (PNG)</source>
        <translation>Image (PNG)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="225"/>
        <source>Vector picture (SVG)</source>
        <translation>Image vectorielle (SVG)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="226"/>
        <source>PDF, one drawing per page</source>
        <translation>PDF, un dessin par page</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="227"/>
        <source>Class sheet (PDF)</source>
        <translation>Planche de la classe (PDF)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="228"/>
        <source>Animation of the drawing (GIF)</source>
        <translation>Animation du dessin (GIF)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="229"/>
        <source>Quick, Draw! data (ndjson)</source>
        <translation>Données Quick, Draw! (ndjson)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="230"/>
        <source>Melody (MIDI)</source>
        <translation>Mélodie (MIDI)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="258"/>
        <source>Drawing</source>
        <translation>Dessin</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="318"/>
        <source>One of these drawings could not be read.</source>
        <translation>L’un de ces dessins n’a pas pu être lu.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="334"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="335"/>
        <source>Who made this drawing?</source>
        <translation>Qui a fait ce dessin ?</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="344"/>
        <source>The name could not be saved: %1</source>
        <translation>Le nom n’a pas pu être enregistré : %1</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="354"/>
        <source>The copy could not be made: %1</source>
        <translation>La copie n’a pas pu être faite : %1</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="362"/>
        <source>Please type the teacher PIN to delete drawings.</source>
        <translation>Tape le code PIN de l’enseignant pour supprimer des dessins.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="371"/>
        <source>Could not delete: %1</source>
        <translation>Suppression impossible : %1</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="384"/>
        <source>Please type the teacher PIN to empty the trash.</source>
        <translation>Tape le code PIN de l’enseignant pour vider la corbeille.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../doodle/ui/gallery.py" line="388"/>
        <source>%n drawing(s) deleted for good.</source>
        <translation>
            <numerusform>%n dessin supprimé définitivement.</numerusform>
            <numerusform>%n dessins supprimés définitivement.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="394"/>
        <source>Please type the teacher PIN to export drawings.</source>
        <translation>Tape le code PIN de l’enseignant pour exporter des dessins.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="409"/>
        <source>Export did not work: %1</source>
        <translation>L’export n’a pas marché : %1</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="411"/>
        <source>Saved in %1</source>
        <translation>Enregistré dans %1</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="426"/>
        <source>Sent to the printer.</source>
        <translation>Envoyé à l’imprimante.</translation>
    </message>
</context>
<context>
    <name>GuessBar</name>
    <message>
        <location filename="../../doodle/ui/guesses.py" line="47"/>
        <source>Is it…</source>
        <translation>Est-ce…</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/guesses.py" line="62"/>
        <source>%1?</source>
        <translation>%1 ?</translation>
    </message>
</context>
<context>
    <name>IdeasPanel</name>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="172"/>
        <source>Play with ideas</source>
        <translation>Jouer avec les idées</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="173"/>
        <source>Reimagine</source>
        <translation>Réinventer</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="174"/>
        <source>Morph</source>
        <translation>Métamorphose</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="176"/>
        <source>Put this drawing on a new page</source>
        <translation>Mettre ce dessin sur une nouvelle page</translation>
    </message>
    <message numerus="yes">
        <location filename="../../doodle/ui/ideas.py" line="177"/>
        <source>New drawing %n</source>
        <translation>
            <numerusform>Nouveau dessin %n</numerusform>
            <numerusform>Nouveau dessin %n</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="178"/>
        <source>Back to my ideas</source>
        <translation>Retour à mes idées</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="179"/>
        <source>Tricks for big kids</source>
        <translation>Astuces pour les grands</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="180"/>
        <source>Mix</source>
        <translation>Mélanger</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="202"/>
        <source>Reimagine, morph and mix need a drawing helper that can read drawings. The helper for this drawing cannot do that yet.</source>
        <translation>Réinventer, transformer et mélanger demandent un assistant qui sait lire les dessins. L’assistant de ce dessin ne sait pas encore le faire.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="206"/>
        <source>No drawing helper that can read drawings is installed yet.</source>
        <translation>Aucun assistant capable de lire les dessins n’est encore installé.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="214"/>
        <source>Doodle draws your drawing again in new ways</source>
        <translation>Doodle redessine ton dessin autrement</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="216"/>
        <source>Draw something first, then Doodle can reimagine it</source>
        <translation>Dessine d’abord quelque chose, ensuite Doodle pourra le réinventer</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="219"/>
        <source>Watch one drawing turn into another</source>
        <translation>Regarde un dessin se transformer en un autre</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="221"/>
        <source>Add and take away parts of drawings</source>
        <translation>Ajouter et enlever des morceaux de dessins</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="278"/>
        <source>My drawing</source>
        <translation>Mon dessin</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="351"/>
        <source>%1 and %2 cannot change into each other yet: every picture is drawn as %3.</source>
        <translation>%1 et %2 ne savent pas encore se transformer l’un en l’autre : chaque image est dessinée en %3.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="361"/>
        <source>Pick two drawings and watch one turn into the other</source>
        <translation>Choisis deux dessins et regarde l’un se transformer en l’autre</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="441"/>
        <source>Doodle has no drawing helper that can read these drawings.</source>
        <translation>Doodle n’a aucun assistant de dessin capable de lire ces dessins.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="385"/>
        <source>Doodle</source>
        <translation>Doodle</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="386"/>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="387"/>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="388"/>
        <source>New page</source>
        <translation>Nouvelle page</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="389"/>
        <source>Take back the last step (Ctrl+Z)</source>
        <translation>Annuler la dernière étape (Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="390"/>
        <source>Bring it back again (Ctrl+Shift+Z)</source>
        <translation>Rétablir (Ctrl+Maj+Z)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="391"/>
        <source>Start a new drawing</source>
        <translation>Commencer un nouveau dessin</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="392"/>
        <source>Draw</source>
        <translation>Dessiner</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="393"/>
        <source>Rubber</source>
        <translation>Gomme</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="394"/>
        <source>Rub out whole lines</source>
        <translation>Effacer des lignes entières</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="395"/>
        <source>Let&apos;s draw:</source>
        <translation>Dessinons :</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="396"/>
        <source>Choose what to draw together</source>
        <translation>Choisis ce que nous dessinons ensemble</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="421"/>
        <source>Finish it!</source>
        <translation>Finis-le !</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="399"/>
        <source>Keep it</source>
        <translation>Je le garde</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="400"/>
        <source>Another one</source>
        <translation>Un autre</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="401"/>
        <source>calm</source>
        <translation>calme</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="402"/>
        <source>wild</source>
        <translation>fou</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="403"/>
        <source>Calm or wild drawing</source>
        <translation>Dessin calme ou fou</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="404"/>
        <source>Hints</source>
        <translation>Indices</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="405"/>
        <source>Show a ghost line of what could come next</source>
        <translation>Montrer une ligne fantôme de ce qui pourrait venir</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="435"/>
        <source>New page?</source>
        <translation>Nouvelle page ?</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="437"/>
        <source>Start a new page? You can still bring this one back with Undo.</source>
        <translation>Commencer une nouvelle page ? Tu pourras retrouver celle-ci avec Annuler.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="438"/>
        <source>Yes, new page</source>
        <translation>Oui, nouvelle page</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="439"/>
        <source>No, keep drawing</source>
        <translation>Non, je continue</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="495"/>
        <source>Use idea</source>
        <translation>Prendre l’idée</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="524"/>
        <source>No drawing helpers are installed yet. Ask a grown-up to add some drawings to Doodle.</source>
        <translation>Aucun assistant de dessin n’est encore installé. Demande à un adulte d’en ajouter dans Doodle.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="528"/>
        <source>Let Doodle finish your drawing</source>
        <translation>Laisse Doodle finir ton dessin</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="532"/>
        <source>Show new ideas</source>
        <translation>Montrer de nouvelles idées</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="418"/>
        <location filename="../../doodle/ui/main_window.py" line="594"/>
        <source>(nothing installed yet)</source>
        <translation>(rien d’installé pour l’instant)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="619"/>
        <source>Doodle thinks your drawing is finished already. Lovely!</source>
        <translation>Doodle trouve que ton dessin est déjà fini. Magnifique !</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="421"/>
        <source>Thinking...</source>
        <translation>Je réfléchis…</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="205"/>
        <location filename="../../doodle/ui/widgets.py" line="216"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>MixDialog</name>
    <message>
        <location filename="../../doodle/ui/ideas_mix.py" line="37"/>
        <source>Mix drawings</source>
        <translation>Mélanger des dessins</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas_mix.py" line="42"/>
        <source>Start with this drawing (for example a cat&apos;s head):</source>
        <translation>Commencer avec ce dessin (par exemple une tête de chat) :</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas_mix.py" line="43"/>
        <source>Add what this one has (for example a whole pig):</source>
        <translation>Ajouter ce que celui-ci a (par exemple un cochon entier) :</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas_mix.py" line="44"/>
        <source>Take away what this one has (for example a pig&apos;s head):</source>
        <translation>Enlever ce que celui-ci a (par exemple une tête de cochon) :</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas_mix.py" line="58"/>
        <source>Mix!</source>
        <translation>Mélanger !</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas_mix.py" line="67"/>
        <source>Put this drawing on a new page</source>
        <translation>Mettre ce dessin sur une nouvelle page</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas_mix.py" line="75"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas_mix.py" line="90"/>
        <source>Doodle is mixing...</source>
        <translation>Doodle mélange…</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas_mix.py" line="98"/>
        <source>Touch a drawing to put it on a new page.</source>
        <translation>Touche un dessin pour le mettre sur une nouvelle page.</translation>
    </message>
</context>
<context>
    <name>ModelDownloadDialog</name>
    <message>
        <location filename="../../doodle/ui/picker_download.py" line="52"/>
        <source>More objects</source>
        <translation>Plus d’objets</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/picker_download.py" line="63"/>
        <source>Choose an object to download from the internet (Magenta&apos;s sketch-rnn models). Nothing else is sent or fetched.</source>
        <translation>Choisis un objet à télécharger sur Internet (les modèles sketch-rnn de Magenta). Rien d’autre n’est envoyé ni chargé.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/picker_download.py" line="70"/>
        <source>Search</source>
        <translation>Chercher</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/picker_download.py" line="79"/>
        <source>Download</source>
        <translation>Télécharger</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/picker_download.py" line="101"/>
        <source>Downloading %1…</source>
        <translation>Téléchargement de %1…</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/picker_download.py" line="101"/>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/picker_download.py" line="156"/>
        <source>Download failed</source>
        <translation>Le téléchargement a échoué</translation>
    </message>
</context>
<context>
    <name>MorphDialog</name>
    <message>
        <location filename="../../doodle/ui/morph.py" line="140"/>
        <source>Morph</source>
        <translation>Métamorphose</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/morph.py" line="147"/>
        <source>Start with this drawing:</source>
        <translation>Commencer avec ce dessin :</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/morph.py" line="148"/>
        <source>...and turn it into this one:</source>
        <translation>… et le transformer en celui-ci :</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/morph.py" line="158"/>
        <source>Morph!</source>
        <translation>Transformer !</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/morph.py" line="178"/>
        <source>Save strip (PNG)</source>
        <translation>Enregistrer la bande (PNG)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/morph.py" line="179"/>
        <source>Save animation (GIF)</source>
        <translation>Enregistrer l’animation (GIF)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/morph.py" line="180"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/morph.py" line="197"/>
        <source>Draw something first (or save some drawings), then come back to morph.</source>
        <translation>Dessine d’abord quelque chose (ou enregistre quelques dessins), puis reviens pour la métamorphose.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/morph.py" line="210"/>
        <source>Doodle is thinking...</source>
        <translation>Doodle réfléchit…</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/morph.py" line="217"/>
        <source>Doodle could not morph these two. Try other drawings!</source>
        <translation>Doodle n’a pas réussi à transformer ces deux-là. Essaie d’autres dessins !</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/morph.py" line="242"/>
        <source>Please type the teacher PIN to save the morph.</source>
        <translation>Tape le code PIN de l’enseignant pour enregistrer la métamorphose.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/morph.py" line="255"/>
        <source>Saving did not work: %1</source>
        <translation>L’enregistrement n’a pas marché : %1</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/morph.py" line="257"/>
        <source>Saved in %1</source>
        <translation>Enregistré dans %1</translation>
    </message>
</context>
<context>
    <name>MusicControls</name>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="35"/>
        <source>Music box</source>
        <translation>Boîte à musique</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="36"/>
        <source>Marimba</source>
        <translation>Marimba</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="37"/>
        <source>Flute</source>
        <translation>Flûte</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="38"/>
        <source>Soft piano</source>
        <translation>Piano doux</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="39"/>
        <source>Ocarina</source>
        <translation>Ocarina</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="40"/>
        <source>Xylophone</source>
        <translation>Xylophone</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="41"/>
        <source>Bassoon</source>
        <translation>Basson</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="42"/>
        <source>Harp</source>
        <translation>Harpe</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="110"/>
        <source>Music</source>
        <translation>Musique</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="111"/>
        <source>Music that follows your drawing</source>
        <translation>Une musique qui suit ton dessin</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="112"/>
        <source>How loud</source>
        <translation>Volume</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="113"/>
        <source>Animal&apos;s own</source>
        <translation>Celui de l’animal</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="116"/>
        <source>Which instrument plays</source>
        <translation>Quel instrument joue</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="117"/>
        <source>Calm</source>
        <translation>Calme</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="118"/>
        <source>Lively</source>
        <translation>Joyeuse</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="119"/>
        <source>Calm or lively music</source>
        <translation>Musique calme ou joyeuse</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="120"/>
        <source>Sound out</source>
        <translation>Sortie du son</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="121"/>
        <source>Speakers (built-in synth) or a MIDI port</source>
        <translation>Haut-parleurs (synthé intégré) ou un port MIDI</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="131"/>
        <source>Music is not available: %1</source>
        <translation>La musique n’est pas disponible : %1</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="133"/>
        <source>The MIDI port “%1” is not connected, so the speakers play the music.</source>
        <translation>Le port MIDI « %1 » n’est pas branché, alors les haut-parleurs jouent la musique.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="136"/>
        <source>The MIDI output could not be used (%1), so the speakers play the music.</source>
        <translation>La sortie MIDI ne marche pas (%1), alors les haut-parleurs jouent la musique.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="139"/>
        <source>The MIDI output “%1” went away (%2), so the speakers play the music.</source>
        <translation>La sortie MIDI « %1 » a disparu (%2), alors les haut-parleurs jouent la musique.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="226"/>
        <source>Automatic</source>
        <translation>Automatique</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="227"/>
        <source>Speakers (built-in synth)</source>
        <translation>Haut-parleurs (synthé intégré)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="228"/>
        <source>Doodle MIDI port (for other programs)</source>
        <translation>Port MIDI de Doodle (pour d’autres programmes)</translation>
    </message>
</context>
<context>
    <name>ObjectPicker</name>
    <message>
        <location filename="../../doodle/ui/picker.py" line="119"/>
        <source>No drawing helpers are installed yet. Ask a grown-up to add some.</source>
        <translation>Aucun assistant de dessin n’est encore installé. Demande à un adulte d’en ajouter.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/picker.py" line="121"/>
        <source>More objects…</source>
        <translation>Plus d’objets…</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/picker.py" line="122"/>
        <source>Download more things to draw (for grown-ups)</source>
        <translation>Télécharger d’autres choses à dessiner (pour les grands)</translation>
    </message>
</context>
<context>
    <name>ObjectPickerPopup</name>
    <message>
        <location filename="../../doodle/ui/picker.py" line="188"/>
        <location filename="../../doodle/ui/picker.py" line="189"/>
        <source>What shall we draw?</source>
        <translation>Qu’est-ce qu’on dessine ?</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../doodle/ui/pin.py" line="32"/>
        <source>Teacher PIN</source>
        <translation>Code PIN de l’enseignant</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/pin.py" line="41"/>
        <source>PIN</source>
        <translation>Code PIN</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/pin.py" line="73"/>
        <source>That PIN is not right. Please wait a moment.</source>
        <translation>Ce code PIN n’est pas le bon. Attends un instant.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/pin.py" line="75"/>
        <source>That PIN is not right. Please try again.</source>
        <translation>Ce code PIN n’est pas le bon. Réessaie.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="54"/>
        <source>Doodle settings</source>
        <translation>Réglages de Doodle</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="58"/>
        <source>Some settings files have problems (those settings are ignored):</source>
        <translation>Certains fichiers de réglages ont des erreurs (ces réglages sont ignorés) :</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="70"/>
        <source>Choose...</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="77"/>
        <location filename="../../doodle/ui/settings_dialog.py" line="181"/>
        <source>Save drawings in</source>
        <translation>Enregistrer les dessins dans</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="80"/>
        <source>Music plays when Doodle starts</source>
        <translation>La musique joue au démarrage de Doodle</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="82"/>
        <source>Music</source>
        <translation>Musique</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="95"/>
        <source>Things to draw</source>
        <translation>Choses à dessiner</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="101"/>
        <source>Idea panes</source>
        <translation>Cases d’idées</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="104"/>
        <source>A ghost line hints at the next stroke</source>
        <translation>Une ligne fantôme montre le trait suivant</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="106"/>
        <source>Hints</source>
        <translation>Indices</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="110"/>
        <source>Only the pen draws (a hand resting on the tablet does not)</source>
        <translation>Seul le stylet dessine (pas la main posée sur la tablette)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="113"/>
        <source>Pen</source>
        <translation>Stylet</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="116"/>
        <source>Children may export their drawings</source>
        <translation>Les enfants peuvent exporter leurs dessins</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="118"/>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="121"/>
        <source>Full screen for the class</source>
        <translation>Plein écran pour la classe</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="123"/>
        <source>Kiosk mode</source>
        <translation>Mode kiosque</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="127"/>
        <source>Language of the computer</source>
        <translation>Langue de l’ordinateur</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="133"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="136"/>
        <source>Print straight away on the default printer</source>
        <translation>Imprimer tout de suite sur l’imprimante par défaut</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="138"/>
        <source>Printing</source>
        <translation>Impression</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="146"/>
        <source>New PIN (leave empty to keep)</source>
        <translation>Nouveau code PIN (laisser vide pour le garder)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="147"/>
        <source>New PIN again</source>
        <translation>Nouveau code PIN encore une fois</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="148"/>
        <source>No PIN</source>
        <translation>Pas de code PIN</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="155"/>
        <source>Teacher PIN</source>
        <translation>Code PIN de l’enseignant</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="177"/>
        <source>Set by the school&apos;s classroom settings</source>
        <translation>Fixé par les réglages de classe de l’école</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="201"/>
        <source>Please leave at least one thing to draw.</source>
        <translation>Laisse au moins une chose à dessiner.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="216"/>
        <source>The two PINs are not the same.</source>
        <translation>Les deux codes PIN ne sont pas identiques.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="218"/>
        <source>The PIN needs at least 4 characters.</source>
        <translation>Le code PIN doit avoir au moins 4 caractères.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="231"/>
        <source>The settings could not be saved: %1</source>
        <translation>Les réglages n’ont pas pu être enregistrés : %1</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="242"/>
        <source>Please type the teacher PIN to change settings.</source>
        <translation>Tape le code PIN de l’enseignant pour changer les réglages.</translation>
    </message>
</context>
<context>
    <name>SynthAudioSink</name>
    <message>
        <location filename="../../doodle/ui/audio_sink.py" line="75"/>
        <source>No speakers or headphones were found, so the music cannot play here.</source>
        <translation>Aucun haut-parleur ni casque n’a été trouvé, la musique ne peut donc pas jouer ici.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/audio_sink.py" line="85"/>
        <source>The sound device “%1” cannot play %2 Hz sound.</source>
        <translation>L’appareil audio « %1 » ne peut pas jouer de son à %2 Hz.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/audio_sink.py" line="100"/>
        <source>The sound device “%1” would not open.</source>
        <translation>L’appareil audio « %1 » ne veut pas s’ouvrir.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/audio_sink.py" line="129"/>
        <source>The sound stopped working (the speakers may have been unplugged).</source>
        <translation>Le son ne marche plus (les haut-parleurs ont peut-être été débranchés).</translation>
    </message>
</context>
<context>
    <name>VariationsPanel</name>
    <message>
        <location filename="../../doodle/ui/variations.py" line="213"/>
        <source>Ideas</source>
        <translation>Idées</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/variations.py" line="214"/>
        <source>More ideas</source>
        <translation>Plus d’idées</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/variations.py" line="224"/>
        <source>Use this idea</source>
        <translation>Prendre cette idée</translation>
    </message>
    <message numerus="yes">
        <location filename="../../doodle/ui/variations.py" line="225"/>
        <source>Idea %n</source>
        <translation>
            <numerusform>Idée %n</numerusform>
            <numerusform>Idée %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <location filename="../../doodle/export/pdf.py" line="104"/>
        <source>(no name)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <location filename="../../doodle/export/pdf.py" line="167"/>
        <source>Our drawings</source>
        <translation>Nos dessins</translation>
    </message>
</context>
<context>
    <name>objects</name>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="32"/>
        <source>Ambulance</source>
        <translation>Ambulance</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="33"/>
        <source>Antyoga</source>
        <translation>Yoga des fourmis</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="34"/>
        <source>Bear</source>
        <translation>Ours</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="35"/>
        <source>Bicycle</source>
        <translation>Vélo</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="36"/>
        <source>Bird</source>
        <translation>Oiseau</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="37"/>
        <source>Bulldozer</source>
        <translation>Bulldozer</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="38"/>
        <source>Calendar</source>
        <translation>Calendrier</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="39"/>
        <source>Cat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="40"/>
        <source>Diving board</source>
        <translation>Plongeoir</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="41"/>
        <source>Dog</source>
        <translation>Chien</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="42"/>
        <source>Dolphin</source>
        <translation>Dauphin</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="43"/>
        <source>Hedgehog</source>
        <translation>Hérisson</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="44"/>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="45"/>
        <source>Lantern</source>
        <translation>Lanterne</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="46"/>
        <source>Lobster</source>
        <translation>Homard</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="47"/>
        <source>Monkey</source>
        <translation>Singe</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="48"/>
        <source>Mosquito</source>
        <translation>Moustique</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="49"/>
        <source>Palm tree</source>
        <translation>Palmier</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="50"/>
        <source>Parrot</source>
        <translation>Perroquet</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="51"/>
        <source>Pool</source>
        <translation>Piscine</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="52"/>
        <source>Rabbit</source>
        <translation>Lapin</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="53"/>
        <source>Rain</source>
        <translation>Pluie</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="54"/>
        <source>Rhinoceros</source>
        <translation>Rhinocéros</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="55"/>
        <source>Roller coaster</source>
        <translation>Montagnes russes</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="56"/>
        <source>Sheep</source>
        <translation>Mouton</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="57"/>
        <source>Tiger</source>
        <translation>Tigre</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="58"/>
        <source>Toothbrush</source>
        <translation>Brosse à dents</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="59"/>
        <source>Toothpaste</source>
        <translation>Dentifrice</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="60"/>
        <source>Trombone</source>
        <translation>Trombone</translation>
    </message>
</context>
<context>
    <name>picker_download</name>
    <message>
        <location filename="../../doodle/ui/picker_download.py" line="178"/>
        <source>Downloading new objects is for grown-ups.</source>
        <translation>Télécharger de nouveaux objets, c’est pour les grands.</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <location filename="../../doodle/ui/printing.py" line="52"/>
        <source>Our drawings</source>
        <translation>Nos dessins</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/printing.py" line="75"/>
        <source>There is nothing to print yet.</source>
        <translation>Il n’y a encore rien à imprimer.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/printing.py" line="82"/>
        <source>No printer is set up on this computer, so nothing was printed. Please ask the teacher to add a printer.</source>
        <translation>Aucune imprimante n’est installée sur cet ordinateur, rien n’a donc été imprimé. Demande à l’enseignant d’ajouter une imprimante.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/printing.py" line="91"/>
        <source>Print drawings</source>
        <translation>Imprimer des dessins</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/printing.py" line="100"/>
        <source>The printer did not start. Is it switched on?</source>
        <translation>L’imprimante n’a pas démarré. Est-elle allumée ?</translation>
    </message>
</context>
</TS>

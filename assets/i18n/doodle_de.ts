<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>BrushSizes</name>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="169"/>
        <source>thin</source>
        <translation>dünn</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="169"/>
        <source>medium</source>
        <translation>mittel</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="169"/>
        <source>thick</source>
        <translation>dick</translation>
    </message>
</context>
<context>
    <name>ClassroomTools</name>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="110"/>
        <source>My drawings</source>
        <translation>Meine Bilder</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="111"/>
        <source>See, open and share your saved drawings</source>
        <translation>Deine gespeicherten Bilder ansehen, öffnen und teilen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="112"/>
        <source>Print</source>
        <translation>Drucken</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="113"/>
        <source>Print this drawing</source>
        <translation>Dieses Bild drucken</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="114"/>
        <source>Share</source>
        <translation>Teilen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="115"/>
        <source>Save this drawing as a picture, animation or tune</source>
        <translation>Dieses Bild als Bild, Animation oder Melodie speichern</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="117"/>
        <source>Picture (PNG)</source>
        <translation>Bild (PNG)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="118"/>
        <source>Vector picture (SVG)</source>
        <translation>Vektorbild (SVG)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="119"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="120"/>
        <source>Animation of the drawing (GIF)</source>
        <translation>Animation des Bildes (GIF)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="121"/>
        <source>Quick, Draw! data (ndjson)</source>
        <translation>Quick, Draw!-Daten (ndjson)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="122"/>
        <source>Melody (MIDI)</source>
        <translation>Melodie (MIDI)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="126"/>
        <source>Teacher</source>
        <translation>Lehrkraft</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="127"/>
        <source>Settings for teachers (PIN)</source>
        <translation>Einstellungen für Lehrkräfte (PIN)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="140"/>
        <source>The last drawing could not be opened again: %1</source>
        <translation>Das letzte Bild konnte nicht wieder geöffnet werden: %1</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="225"/>
        <source>Your drawing could not be saved in %1, so it is kept safe in %2. Please tell your teacher.</source>
        <translation>Dein Bild konnte nicht in %1 gespeichert werden, deshalb ist es sicher in %2 aufgehoben. Bitte sag deiner Lehrerin oder deinem Lehrer Bescheid.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="232"/>
        <source>Your drawing could not be saved anywhere. Keep Doodle open and tell your teacher.</source>
        <translation>Dein Bild konnte nirgends gespeichert werden. Lass Doodle offen und sag deiner Lehrerin oder deinem Lehrer Bescheid.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="266"/>
        <source>That drawing could not be opened: %1</source>
        <translation>Dieses Bild konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="281"/>
        <source>Please type the teacher PIN to export.</source>
        <translation>Bitte die Lehrer-PIN eingeben, um zu exportieren.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="289"/>
        <source>Export did not work: %1</source>
        <translation>Das Exportieren hat nicht geklappt: %1</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="291"/>
        <source>Saved in %1</source>
        <translation>Gespeichert in %1</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/classroom.py" line="342"/>
        <source>Please type the teacher PIN to close Doodle.</source>
        <translation>Bitte die Lehrer-PIN eingeben, um Doodle zu beenden.</translation>
    </message>
</context>
<context>
    <name>ColorPalette</name>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="117"/>
        <source>black</source>
        <translation>schwarz</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="118"/>
        <source>red</source>
        <translation>rot</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="119"/>
        <source>orange</source>
        <translation>orange</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="120"/>
        <source>yellow</source>
        <translation>gelb</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="121"/>
        <source>green</source>
        <translation>grün</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="122"/>
        <source>blue</source>
        <translation>blau</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="123"/>
        <source>purple</source>
        <translation>lila</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="124"/>
        <source>brown</source>
        <translation>braun</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="125"/>
        <source>pink</source>
        <translation>rosa</translation>
    </message>
</context>
<context>
    <name>CompletionPreview</name>
    <message>
        <location filename="../../doodle/ui/completion.py" line="74"/>
        <source>Finish it</source>
        <translation>Fertig malen</translation>
    </message>
</context>
<context>
    <name>CurrentObjectButton</name>
    <message>
        <location filename="../../doodle/ui/picker.py" line="218"/>
        <source>Choose what to draw</source>
        <translation>Such aus, was du malen willst</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/picker.py" line="219"/>
        <source>Choose…</source>
        <translation>Auswählen …</translation>
    </message>
</context>
<context>
    <name>DrawAlong</name>
    <message>
        <location filename="../../doodle/ui/draw_along.py" line="51"/>
        <source>This drawing helper is not working right now. Please ask a grown-up to check the installed drawings.</source>
        <translation>Dieser Malhelfer funktioniert gerade nicht. Bitte einen Erwachsenen, die installierten Malhelfer zu prüfen.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/draw_along.py" line="56"/>
        <source>Oops, the drawing helper got muddled. Please try again!</source>
        <translation>Hoppla, der Malhelfer ist durcheinandergekommen. Versuch es noch einmal!</translation>
    </message>
</context>
<context>
    <name>DrawingDocument</name>
    <message>
        <location filename="../../doodle/ui/document.py" line="90"/>
        <source>Draw</source>
        <translation>Malen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/document.py" line="109"/>
        <source>Erase</source>
        <translation>Radieren</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/document.py" line="113"/>
        <source>Clear</source>
        <translation>Neue Seite</translation>
    </message>
</context>
<context>
    <name>GalleryDialog</name>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="133"/>
        <source>My drawings</source>
        <translation>Meine Bilder</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="154"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="155"/>
        <source>Name...</source>
        <translation>Name …</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="156"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="157"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="159"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="165"/>
        <source>Print</source>
        <translation>Drucken</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="166"/>
        <source>Morph these two</source>
        <translation>Diese beiden verwandeln</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="169"/>
        <source>Print class sheet</source>
        <translation>Klassenübersicht drucken</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="170"/>
        <source>Trash</source>
        <translation>Papierkorb</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="172"/>
        <source>Put back</source>
        <translation>Zurücklegen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="173"/>
        <source>Empty trash</source>
        <translation>Papierkorb leeren</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="174"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="224"/>
        <source>Picture (PNG)</source>
        <translation>Bild (PNG)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="225"/>
        <source>Vector picture (SVG)</source>
        <translation>Vektorbild (SVG)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="226"/>
        <source>PDF, one drawing per page</source>
        <translation>PDF, ein Bild pro Seite</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="227"/>
        <source>Class sheet (PDF)</source>
        <translation>Klassenübersicht (PDF)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="228"/>
        <source>Animation of the drawing (GIF)</source>
        <translation>Animation des Bildes (GIF)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="229"/>
        <source>Quick, Draw! data (ndjson)</source>
        <translation>Quick, Draw!-Daten (ndjson)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="230"/>
        <source>Melody (MIDI)</source>
        <translation>Melodie (MIDI)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="258"/>
        <source>Drawing</source>
        <translation>Bild</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="318"/>
        <source>One of these drawings could not be read.</source>
        <translation>Eines dieser Bilder konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="334"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="335"/>
        <source>Who made this drawing?</source>
        <translation>Wer hat dieses Bild gemalt?</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="344"/>
        <source>The name could not be saved: %1</source>
        <translation>Der Name konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="354"/>
        <source>The copy could not be made: %1</source>
        <translation>Die Kopie konnte nicht angelegt werden: %1</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="362"/>
        <source>Please type the teacher PIN to delete drawings.</source>
        <translation>Bitte die Lehrer-PIN eingeben, um Bilder zu löschen.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="371"/>
        <source>Could not delete: %1</source>
        <translation>Konnte nicht gelöscht werden: %1</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="384"/>
        <source>Please type the teacher PIN to empty the trash.</source>
        <translation>Bitte die Lehrer-PIN eingeben, um den Papierkorb zu leeren.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../doodle/ui/gallery.py" line="388"/>
        <source>%n drawing(s) deleted for good.</source>
        <translation>
            <numerusform>%n Bild endgültig gelöscht.</numerusform>
            <numerusform>%n Bilder endgültig gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="394"/>
        <source>Please type the teacher PIN to export drawings.</source>
        <translation>Bitte die Lehrer-PIN eingeben, um Bilder zu exportieren.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="409"/>
        <source>Export did not work: %1</source>
        <translation>Das Exportieren hat nicht geklappt: %1</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="411"/>
        <source>Saved in %1</source>
        <translation>Gespeichert in %1</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/gallery.py" line="426"/>
        <source>Sent to the printer.</source>
        <translation>An den Drucker geschickt.</translation>
    </message>
</context>
<context>
    <name>GuessBar</name>
    <message>
        <location filename="../../doodle/ui/guesses.py" line="47"/>
        <source>Is it…</source>
        <translation>Ist es …</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/guesses.py" line="62"/>
        <source>%1?</source>
        <translation>%1?</translation>
    </message>
</context>
<context>
    <name>IdeasPanel</name>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="172"/>
        <source>Play with ideas</source>
        <translation>Mit Ideen spielen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="173"/>
        <source>Reimagine</source>
        <translation>Neu erfinden</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="174"/>
        <source>Morph</source>
        <translation>Verwandeln</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="176"/>
        <source>Put this drawing on a new page</source>
        <translation>Dieses Bild auf eine neue Seite legen</translation>
    </message>
    <message numerus="yes">
        <location filename="../../doodle/ui/ideas.py" line="177"/>
        <source>New drawing %n</source>
        <translation>
            <numerusform>Neues Bild %n</numerusform>
            <numerusform>Neues Bild %n</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="178"/>
        <source>Back to my ideas</source>
        <translation>Zurück zu meinen Ideen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="179"/>
        <source>Tricks for big kids</source>
        <translation>Tricks für große Kinder</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="180"/>
        <source>Mix</source>
        <translation>Mischen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="202"/>
        <source>Reimagine, morph and mix need a drawing helper that can read drawings. The helper for this drawing cannot do that yet.</source>
        <translation>Neu erfinden, Verwandeln und Mischen brauchen einen Malhelfer, der Bilder lesen kann. Der Helfer für dieses Bild kann das noch nicht.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="206"/>
        <source>No drawing helper that can read drawings is installed yet.</source>
        <translation>Es ist noch kein Malhelfer installiert, der Bilder lesen kann.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="214"/>
        <source>Doodle draws your drawing again in new ways</source>
        <translation>Doodle malt dein Bild noch einmal ganz neu</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="216"/>
        <source>Draw something first, then Doodle can reimagine it</source>
        <translation>Mal zuerst etwas, dann kann Doodle es neu erfinden</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="219"/>
        <source>Watch one drawing turn into another</source>
        <translation>Schau zu, wie sich ein Bild in ein anderes verwandelt</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="221"/>
        <source>Add and take away parts of drawings</source>
        <translation>Teile von Bildern dazutun und wegnehmen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="278"/>
        <source>My drawing</source>
        <translation>Mein Bild</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="351"/>
        <source>%1 and %2 cannot change into each other yet: every picture is drawn as %3.</source>
        <translation>%1 und %2 können sich noch nicht ineinander verwandeln: Jedes Bild wird als %3 gemalt.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="361"/>
        <source>Pick two drawings and watch one turn into the other</source>
        <translation>Such dir zwei Bilder aus und schau zu, wie sich eines in das andere verwandelt</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas.py" line="441"/>
        <source>Doodle has no drawing helper that can read these drawings.</source>
        <translation>Doodle hat keinen Malhelfer, der diese Bilder lesen kann.</translation>
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
        <translation>Zurück</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="387"/>
        <source>Redo</source>
        <translation>Wieder vor</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="388"/>
        <source>New page</source>
        <translation>Neue Seite</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="392"/>
        <source>Draw</source>
        <translation>Malen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="393"/>
        <source>Rubber</source>
        <translation>Radierer</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="389"/>
        <source>Take back the last step (Ctrl+Z)</source>
        <translation>Den letzten Schritt zurücknehmen (Strg+Z)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="390"/>
        <source>Bring it back again (Ctrl+Shift+Z)</source>
        <translation>Wiederherstellen (Strg+Umschalt+Z)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="391"/>
        <source>Start a new drawing</source>
        <translation>Ein neues Bild anfangen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="394"/>
        <source>Rub out whole lines</source>
        <translation>Ganze Linien wegradieren</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="395"/>
        <source>Let&apos;s draw:</source>
        <translation>Wir malen:</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="396"/>
        <source>Choose what to draw together</source>
        <translation>Such aus, was wir zusammen malen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="421"/>
        <source>Finish it!</source>
        <translation>Mal es fertig!</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="401"/>
        <source>calm</source>
        <translation>ruhig</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="402"/>
        <source>wild</source>
        <translation>wild</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="403"/>
        <source>Calm or wild drawing</source>
        <translation>Ruhig oder wild malen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="404"/>
        <source>Hints</source>
        <translation>Tipps</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="405"/>
        <source>Show a ghost line of what could come next</source>
        <translation>Eine Geisterlinie zeigen, was als Nächstes kommen könnte</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="399"/>
        <source>Keep it</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="400"/>
        <source>Another one</source>
        <translation>Noch eins</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="435"/>
        <source>New page?</source>
        <translation>Neue Seite?</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="437"/>
        <source>Start a new page? You can still bring this one back with Undo.</source>
        <translation>Eine neue Seite anfangen? Mit „Zurück“ kannst du diese wieder zurückholen.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="438"/>
        <source>Yes, new page</source>
        <translation>Ja, neue Seite</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="439"/>
        <source>No, keep drawing</source>
        <translation>Nein, weitermalen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="495"/>
        <source>Use idea</source>
        <translation>Idee nehmen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="524"/>
        <source>No drawing helpers are installed yet. Ask a grown-up to add some drawings to Doodle.</source>
        <translation>Es sind noch keine Malhelfer installiert. Bitte einen Erwachsenen, Doodle welche hinzuzufügen.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="528"/>
        <source>Let Doodle finish your drawing</source>
        <translation>Doodle malt dein Bild fertig</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="532"/>
        <source>Show new ideas</source>
        <translation>Neue Ideen zeigen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="418"/>
        <location filename="../../doodle/ui/main_window.py" line="594"/>
        <source>(nothing installed yet)</source>
        <translation>(noch nichts installiert)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="619"/>
        <source>Doodle thinks your drawing is finished already. Lovely!</source>
        <translation>Doodle findet, dein Bild ist schon fertig. Wunderschön!</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/main_window.py" line="421"/>
        <source>Thinking...</source>
        <translation>Ich überlege …</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <location filename="../../doodle/ui/widgets.py" line="205"/>
        <location filename="../../doodle/ui/widgets.py" line="216"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>MixDialog</name>
    <message>
        <location filename="../../doodle/ui/ideas_mix.py" line="37"/>
        <source>Mix drawings</source>
        <translation>Bilder mischen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas_mix.py" line="42"/>
        <source>Start with this drawing (for example a cat&apos;s head):</source>
        <translation>Fang mit diesem Bild an (zum Beispiel einem Katzenkopf):</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas_mix.py" line="43"/>
        <source>Add what this one has (for example a whole pig):</source>
        <translation>Tu dazu, was dieses hat (zum Beispiel ein ganzes Schwein):</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas_mix.py" line="44"/>
        <source>Take away what this one has (for example a pig&apos;s head):</source>
        <translation>Nimm weg, was dieses hat (zum Beispiel einen Schweinekopf):</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas_mix.py" line="58"/>
        <source>Mix!</source>
        <translation>Mischen!</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas_mix.py" line="67"/>
        <source>Put this drawing on a new page</source>
        <translation>Dieses Bild auf eine neue Seite legen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas_mix.py" line="75"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas_mix.py" line="90"/>
        <source>Doodle is mixing...</source>
        <translation>Doodle mischt …</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/ideas_mix.py" line="98"/>
        <source>Touch a drawing to put it on a new page.</source>
        <translation>Tipp ein Bild an, um es auf eine neue Seite zu legen.</translation>
    </message>
</context>
<context>
    <name>ModelDownloadDialog</name>
    <message>
        <location filename="../../doodle/ui/picker_download.py" line="52"/>
        <source>More objects</source>
        <translation>Mehr Motive</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/picker_download.py" line="63"/>
        <source>Choose an object to download from the internet (Magenta&apos;s sketch-rnn models). Nothing else is sent or fetched.</source>
        <translation>Wähle ein Motiv, das aus dem Internet geladen wird (die sketch-rnn-Modelle von Magenta). Sonst wird nichts gesendet oder geladen.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/picker_download.py" line="70"/>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/picker_download.py" line="79"/>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/picker_download.py" line="101"/>
        <source>Downloading %1…</source>
        <translation>%1 wird heruntergeladen …</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/picker_download.py" line="101"/>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/picker_download.py" line="156"/>
        <source>Download failed</source>
        <translation>Herunterladen fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>MorphDialog</name>
    <message>
        <location filename="../../doodle/ui/morph.py" line="140"/>
        <source>Morph</source>
        <translation>Verwandeln</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/morph.py" line="147"/>
        <source>Start with this drawing:</source>
        <translation>Fang mit diesem Bild an:</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/morph.py" line="148"/>
        <source>...and turn it into this one:</source>
        <translation>… und verwandle es in dieses:</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/morph.py" line="158"/>
        <source>Morph!</source>
        <translation>Verwandeln!</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/morph.py" line="178"/>
        <source>Save strip (PNG)</source>
        <translation>Bildstreifen speichern (PNG)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/morph.py" line="179"/>
        <source>Save animation (GIF)</source>
        <translation>Animation speichern (GIF)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/morph.py" line="180"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/morph.py" line="197"/>
        <source>Draw something first (or save some drawings), then come back to morph.</source>
        <translation>Mal zuerst etwas (oder speichere ein paar Bilder), dann komm zum Verwandeln zurück.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/morph.py" line="210"/>
        <source>Doodle is thinking...</source>
        <translation>Doodle überlegt …</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/morph.py" line="217"/>
        <source>Doodle could not morph these two. Try other drawings!</source>
        <translation>Doodle konnte diese beiden nicht verwandeln. Probier andere Bilder!</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/morph.py" line="242"/>
        <source>Please type the teacher PIN to save the morph.</source>
        <translation>Bitte die Lehrer-PIN eingeben, um die Verwandlung zu speichern.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/morph.py" line="255"/>
        <source>Saving did not work: %1</source>
        <translation>Das Speichern hat nicht geklappt: %1</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/morph.py" line="257"/>
        <source>Saved in %1</source>
        <translation>Gespeichert in %1</translation>
    </message>
</context>
<context>
    <name>MusicControls</name>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="35"/>
        <source>Music box</source>
        <translation>Spieluhr</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="36"/>
        <source>Marimba</source>
        <translation>Marimba</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="37"/>
        <source>Flute</source>
        <translation>Flöte</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="38"/>
        <source>Soft piano</source>
        <translation>Sanftes Klavier</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="39"/>
        <source>Ocarina</source>
        <translation>Okarina</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="40"/>
        <source>Xylophone</source>
        <translation>Xylophon</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="41"/>
        <source>Bassoon</source>
        <translation>Fagott</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="42"/>
        <source>Harp</source>
        <translation>Harfe</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="110"/>
        <source>Music</source>
        <translation>Musik</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="111"/>
        <source>Music that follows your drawing</source>
        <translation>Musik, die deinem Malen folgt</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="112"/>
        <source>How loud</source>
        <translation>Wie laut</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="113"/>
        <source>Animal&apos;s own</source>
        <translation>Passend zum Bild</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="116"/>
        <source>Which instrument plays</source>
        <translation>Welches Instrument spielt</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="117"/>
        <source>Calm</source>
        <translation>Ruhig</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="118"/>
        <source>Lively</source>
        <translation>Lebhaft</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="119"/>
        <source>Calm or lively music</source>
        <translation>Ruhige oder lebhafte Musik</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="120"/>
        <source>Sound out</source>
        <translation>Ton-Ausgang</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="121"/>
        <source>Speakers (built-in synth) or a MIDI port</source>
        <translation>Lautsprecher (eingebauter Synthesizer) oder ein MIDI-Anschluss</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="131"/>
        <source>Music is not available: %1</source>
        <translation>Musik gibt es gerade nicht: %1</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="133"/>
        <source>The MIDI port “%1” is not connected, so the speakers play the music.</source>
        <translation>Der MIDI-Anschluss „%1“ ist nicht verbunden, deshalb spielen die Lautsprecher die Musik.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="136"/>
        <source>The MIDI output could not be used (%1), so the speakers play the music.</source>
        <translation>Der MIDI-Ausgang geht nicht (%1), deshalb spielen die Lautsprecher die Musik.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="139"/>
        <source>The MIDI output “%1” went away (%2), so the speakers play the music.</source>
        <translation>Der MIDI-Ausgang „%1“ ist weg (%2), deshalb spielen die Lautsprecher die Musik.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="226"/>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="227"/>
        <source>Speakers (built-in synth)</source>
        <translation>Lautsprecher (eingebauter Synthesizer)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/music_controls.py" line="228"/>
        <source>Doodle MIDI port (for other programs)</source>
        <translation>Doodle-MIDI-Anschluss (für andere Programme)</translation>
    </message>
</context>
<context>
    <name>ObjectPicker</name>
    <message>
        <location filename="../../doodle/ui/picker.py" line="119"/>
        <source>No drawing helpers are installed yet. Ask a grown-up to add some.</source>
        <translation>Es sind noch keine Malhelfer installiert. Bitte einen Erwachsenen, welche hinzuzufügen.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/picker.py" line="121"/>
        <source>More objects…</source>
        <translation>Mehr Motive …</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/picker.py" line="122"/>
        <source>Download more things to draw (for grown-ups)</source>
        <translation>Mehr Motive zum Malen herunterladen (für Erwachsene)</translation>
    </message>
</context>
<context>
    <name>ObjectPickerPopup</name>
    <message>
        <location filename="../../doodle/ui/picker.py" line="188"/>
        <location filename="../../doodle/ui/picker.py" line="189"/>
        <source>What shall we draw?</source>
        <translation>Was sollen wir malen?</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../doodle/ui/pin.py" line="32"/>
        <source>Teacher PIN</source>
        <translation>Lehrer-PIN</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/pin.py" line="41"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/pin.py" line="73"/>
        <source>That PIN is not right. Please wait a moment.</source>
        <translation>Diese PIN stimmt nicht. Bitte einen Moment warten.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/pin.py" line="75"/>
        <source>That PIN is not right. Please try again.</source>
        <translation>Diese PIN stimmt nicht. Bitte noch einmal versuchen.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="54"/>
        <source>Doodle settings</source>
        <translation>Doodle-Einstellungen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="58"/>
        <source>Some settings files have problems (those settings are ignored):</source>
        <translation>Einige Einstellungsdateien haben Fehler (diese Einstellungen werden ignoriert):</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="70"/>
        <source>Choose...</source>
        <translation>Auswählen …</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="77"/>
        <location filename="../../doodle/ui/settings_dialog.py" line="181"/>
        <source>Save drawings in</source>
        <translation>Bilder speichern in</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="80"/>
        <source>Music plays when Doodle starts</source>
        <translation>Musik spielt, wenn Doodle startet</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="82"/>
        <source>Music</source>
        <translation>Musik</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="95"/>
        <source>Things to draw</source>
        <translation>Was man malen kann</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="101"/>
        <source>Idea panes</source>
        <translation>Ideenfelder</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="104"/>
        <source>A ghost line hints at the next stroke</source>
        <translation>Eine Geisterlinie zeigt, wie es weitergehen könnte</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="106"/>
        <source>Hints</source>
        <translation>Tipps</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="110"/>
        <source>Only the pen draws (a hand resting on the tablet does not)</source>
        <translation>Nur der Stift malt (eine aufgelegte Hand nicht)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="113"/>
        <source>Pen</source>
        <translation>Stift</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="116"/>
        <source>Children may export their drawings</source>
        <translation>Kinder dürfen ihre Bilder exportieren</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="118"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="121"/>
        <source>Full screen for the class</source>
        <translation>Vollbild für die Klasse</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="123"/>
        <source>Kiosk mode</source>
        <translation>Kioskmodus</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="127"/>
        <source>Language of the computer</source>
        <translation>Sprache des Computers</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="133"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="136"/>
        <source>Print straight away on the default printer</source>
        <translation>Sofort auf dem Standarddrucker drucken</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="138"/>
        <source>Printing</source>
        <translation>Drucken</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="146"/>
        <source>New PIN (leave empty to keep)</source>
        <translation>Neue PIN (leer lassen zum Behalten)</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="147"/>
        <source>New PIN again</source>
        <translation>Neue PIN wiederholen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="148"/>
        <source>No PIN</source>
        <translation>Keine PIN</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="155"/>
        <source>Teacher PIN</source>
        <translation>Lehrer-PIN</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="177"/>
        <source>Set by the school&apos;s classroom settings</source>
        <translation>Von den Klassenraum-Einstellungen der Schule festgelegt</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="201"/>
        <source>Please leave at least one thing to draw.</source>
        <translation>Bitte lass mindestens ein Motiv zum Malen übrig.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="216"/>
        <source>The two PINs are not the same.</source>
        <translation>Die beiden PINs sind nicht gleich.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="218"/>
        <source>The PIN needs at least 4 characters.</source>
        <translation>Die PIN braucht mindestens 4 Zeichen.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="231"/>
        <source>The settings could not be saved: %1</source>
        <translation>Die Einstellungen konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/settings_dialog.py" line="242"/>
        <source>Please type the teacher PIN to change settings.</source>
        <translation>Bitte die Lehrer-PIN eingeben, um die Einstellungen zu ändern.</translation>
    </message>
</context>
<context>
    <name>SynthAudioSink</name>
    <message>
        <location filename="../../doodle/ui/audio_sink.py" line="75"/>
        <source>No speakers or headphones were found, so the music cannot play here.</source>
        <translation>Es wurden keine Lautsprecher oder Kopfhörer gefunden, deshalb kann hier keine Musik spielen.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/audio_sink.py" line="85"/>
        <source>The sound device “%1” cannot play %2 Hz sound.</source>
        <translation>Das Tongerät „%1“ kann keinen Ton mit %2 Hz abspielen.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/audio_sink.py" line="100"/>
        <source>The sound device “%1” would not open.</source>
        <translation>Das Tongerät „%1“ lässt sich nicht öffnen.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/audio_sink.py" line="129"/>
        <source>The sound stopped working (the speakers may have been unplugged).</source>
        <translation>Der Ton geht nicht mehr (vielleicht wurden die Lautsprecher ausgesteckt).</translation>
    </message>
</context>
<context>
    <name>VariationsPanel</name>
    <message>
        <location filename="../../doodle/ui/variations.py" line="213"/>
        <source>Ideas</source>
        <translation>Ideen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/variations.py" line="214"/>
        <source>More ideas</source>
        <translation>Mehr Ideen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/variations.py" line="224"/>
        <source>Use this idea</source>
        <translation>Diese Idee nehmen</translation>
    </message>
    <message numerus="yes">
        <location filename="../../doodle/ui/variations.py" line="225"/>
        <source>Idea %n</source>
        <translation>
            <numerusform>Idee %n</numerusform>
            <numerusform>Idee %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <location filename="../../doodle/export/pdf.py" line="104"/>
        <source>(no name)</source>
        <translation>(ohne Namen)</translation>
    </message>
    <message>
        <location filename="../../doodle/export/pdf.py" line="167"/>
        <source>Our drawings</source>
        <translation>Unsere Bilder</translation>
    </message>
</context>
<context>
    <name>objects</name>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="32"/>
        <source>Ambulance</source>
        <translation>Krankenwagen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="33"/>
        <source>Antyoga</source>
        <translation>Ameisen-Yoga</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="34"/>
        <source>Bear</source>
        <translation>Bär</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="35"/>
        <source>Bicycle</source>
        <translation>Fahrrad</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="36"/>
        <source>Bird</source>
        <translation>Vogel</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="37"/>
        <source>Bulldozer</source>
        <translation>Planierraupe</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="38"/>
        <source>Calendar</source>
        <translation>Kalender</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="39"/>
        <source>Cat</source>
        <translation>Katze</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="40"/>
        <source>Diving board</source>
        <translation>Sprungbrett</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="41"/>
        <source>Dog</source>
        <translation>Hund</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="42"/>
        <source>Dolphin</source>
        <translation>Delfin</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="43"/>
        <source>Hedgehog</source>
        <translation>Igel</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="44"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="45"/>
        <source>Lantern</source>
        <translation>Laterne</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="46"/>
        <source>Lobster</source>
        <translation>Hummer</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="47"/>
        <source>Monkey</source>
        <translation>Affe</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="48"/>
        <source>Mosquito</source>
        <translation>Mücke</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="49"/>
        <source>Palm tree</source>
        <translation>Palme</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="50"/>
        <source>Parrot</source>
        <translation>Papagei</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="51"/>
        <source>Pool</source>
        <translation>Schwimmbecken</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="52"/>
        <source>Rabbit</source>
        <translation>Hase</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="53"/>
        <source>Rain</source>
        <translation>Regen</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="54"/>
        <source>Rhinoceros</source>
        <translation>Nashorn</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="55"/>
        <source>Roller coaster</source>
        <translation>Achterbahn</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="56"/>
        <source>Sheep</source>
        <translation>Schaf</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="57"/>
        <source>Tiger</source>
        <translation>Tiger</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="58"/>
        <source>Toothbrush</source>
        <translation>Zahnbürste</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="59"/>
        <source>Toothpaste</source>
        <translation>Zahnpasta</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/i18n.py" line="60"/>
        <source>Trombone</source>
        <translation>Posaune</translation>
    </message>
</context>
<context>
    <name>picker_download</name>
    <message>
        <location filename="../../doodle/ui/picker_download.py" line="178"/>
        <source>Downloading new objects is for grown-ups.</source>
        <translation>Neue Motive herunterladen ist etwas für Erwachsene.</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <location filename="../../doodle/ui/printing.py" line="52"/>
        <source>Our drawings</source>
        <translation>Unsere Bilder</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/printing.py" line="75"/>
        <source>There is nothing to print yet.</source>
        <translation>Es gibt noch nichts zu drucken.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/printing.py" line="82"/>
        <source>No printer is set up on this computer, so nothing was printed. Please ask the teacher to add a printer.</source>
        <translation>Auf diesem Computer ist kein Drucker eingerichtet, deshalb wurde nichts gedruckt. Bitte die Lehrkraft, einen Drucker einzurichten.</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/printing.py" line="91"/>
        <source>Print drawings</source>
        <translation>Bilder drucken</translation>
    </message>
    <message>
        <location filename="../../doodle/ui/printing.py" line="100"/>
        <source>The printer did not start. Is it switched on?</source>
        <translation>Der Drucker ist nicht angesprungen. Ist er eingeschaltet?</translation>
    </message>
</context>
</TS>

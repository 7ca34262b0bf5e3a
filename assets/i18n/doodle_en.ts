<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>GalleryDialog</name>
    <message numerus="yes">
        <location filename="../../doodle/ui/gallery.py" line="388"/>
        <source>%n drawing(s) deleted for good.</source>
        <translation>
            <numerusform>%n drawing deleted for good.</numerusform>
            <numerusform>%n drawings deleted for good.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IdeasPanel</name>
    <message numerus="yes">
        <location filename="../../doodle/ui/ideas.py" line="177"/>
        <source>New drawing %n</source>
        <translation>
            <numerusform>New drawing %n</numerusform>
            <numerusform>New drawing %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VariationsPanel</name>
    <message numerus="yes">
        <location filename="../../doodle/ui/variations.py" line="225"/>
        <source>Idea %n</source>
        <translation>
            <numerusform>Idea %n</numerusform>
            <numerusform>Idea %n</numerusform>
        </translation>
    </message>
</context>
</TS>

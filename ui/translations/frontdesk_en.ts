<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ActivityView</name>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{entries}, %n refused by the platform</source>
        <translation>
            <numerusform>{entries}, %n refused by the platform</numerusform>
            <numerusform>{entries}, %n refused by the platform</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message numerus="yes">
        <source>{message} It happened %n times.</source>
        <translation>
            <numerusform>{message} It happened %n time.</numerusform>
            <numerusform>{message} It happened %n times.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RefusalBanner</name>
    <message numerus="yes">
        <source>… and %n more (see Conflicts).</source>
        <translation>
            <numerusform>… and %n more (see Conflicts).</numerusform>
            <numerusform>… and %n more (see Conflicts).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportText</name>
    <message numerus="yes">
        <source>%n redemption(s)</source>
        <translation>
            <numerusform>%n redemption</numerusform>
            <numerusform>%n redemptions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n status change(s)</source>
        <translation>
            <numerusform>%n status change</numerusform>
            <numerusform>%n status changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) ({kinds}): {outcomes}.</source>
        <translation>
            <numerusform>%n action ({kinds}): {outcomes}.</numerusform>
            <numerusform>%n actions ({kinds}): {outcomes}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message numerus="yes">
        <source>%n change(s) saved on this computer will be sent to the loyalty platform after the next sign-in. Nothing is lost.</source>
        <translation>
            <numerusform>%n change is saved on this computer and will be sent to the loyalty platform after the next sign-in. Nothing is lost.</numerusform>
            <numerusform>%n changes are saved on this computer and will be sent to the loyalty platform after the next sign-in. Nothing is lost.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) saved on this computer will be sent to the loyalty platform the next time Front Desk is online. Nothing is lost.</source>
        <translation>
            <numerusform>%n change is saved on this computer and will be sent to the loyalty platform the next time Front Desk is online. Nothing is lost.</numerusform>
            <numerusform>%n changes are saved on this computer and will be sent to the loyalty platform the next time Front Desk is online. Nothing is lost.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message numerus="yes">
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n change waiting</numerusform>
            <numerusform>%n changes waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflict</numerusform>
            <numerusform>%n conflicts</numerusform>
        </translation>
    </message>
</context>
</TS>

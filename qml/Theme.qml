pragma Singleton
import QtQuick

// Colours and type sizes of the user interface: a calm, print-like palette.
QtObject {
    readonly property color background: "#f4f3ef"
    readonly property color panel: "#fbfbf9"
    readonly property color panelBorder: "#dedcd5"
    readonly property color text: "#262a33"
    readonly property color textMuted: "#6b7080"
    readonly property color accent: "#1f4e9a"
    readonly property color accentSoft: "#e3ebf7"
    readonly property color divider: "#e8e6e0"
    readonly property string fontFamily: "DejaVu Sans"
    readonly property int fontSmall: 10
    readonly property int fontBody: 11
    readonly property int fontTitle: 13
    readonly property int fontHeader: 16
    readonly property int spacing: 8
    readonly property int sidebarWidth: 330
}

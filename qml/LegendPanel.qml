import QtQuick
import QtQuick.Layouts

// The choropleth legend: title, unit and scale notes, one row per class with its count,
// the "données non disponibles" row, and the source line.
SidebarSection {
    id: legendPanel
    required property var legend
    title: qsTr("Legend")

    Text {
        text: legendPanel.legend.title
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontTitle
        font.weight: Font.DemiBold
        color: Theme.text
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }
    Text {
        visible: legendPanel.legend.scopeNote.length > 0
        text: legendPanel.legend.scopeNote
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        font.italic: true
        color: "#8c510a"
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }
    Text {
        text: legendPanel.legend.methodNote
        visible: text.length > 0
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        color: Theme.textMuted
        Layout.fillWidth: true
    }
    Repeater {
        model: legendPanel.legend
        delegate: RowLayout {
            required property string label
            required property color swatchColor
            required property int count
            required property bool hatched
            spacing: 8
            Layout.fillWidth: true
            LegendSwatch { color: swatchColor; hatched: parent.hatched }
            Text {
                text: label
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                color: Theme.text
                Layout.fillWidth: true
            }
            Text {
                text: count
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                color: Theme.textMuted
                horizontalAlignment: Text.AlignRight
                Layout.preferredWidth: 24
            }
        }
    }
    Text {
        text: qsTr("Counts: number of %1 per class").arg(legendPanel.legend.countNoun)
        visible: legendPanel.legend.countNoun.length > 0
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        color: Theme.textMuted
        Layout.fillWidth: true
    }
    Text {
        text: legendPanel.legend.sourceLine
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        color: Theme.textMuted
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }
}

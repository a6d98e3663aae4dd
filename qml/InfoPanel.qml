import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Details of the selected commune or facility, with comparison values and sources.
SidebarSection {
    id: panel
    required property var info
    signal closeRequested()
    title: qsTr("Information")

    Text {
        visible: panel.info.kind === ""
        text: qsTr("Click a commune or a facility on the map.")
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
        color: Theme.textMuted
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }
    RowLayout {
        visible: panel.info.kind !== ""
        Layout.fillWidth: true
        Text {
            text: panel.info.title
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontHeader
            font.weight: Font.DemiBold
            color: Theme.text
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        ToolButton {
            text: "✕"
            onClicked: panel.closeRequested()
            implicitWidth: 24; implicitHeight: 24
        }
    }
    Text {
        visible: panel.info.kind !== ""
        text: panel.info.subtitle
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        color: Theme.textMuted
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }
    Repeater {
        model: panel.info
        delegate: ColumnLayout {
            required property int index
            required property string section
            required property string label
            required property string value
            required property string note
            required property bool emphasis
            required property bool sectionStart
            spacing: 1
            Layout.fillWidth: true
            Layout.topMargin: header.visible ? 6 : 0
            Text {
                id: header
                visible: sectionStart
                text: section
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                font.weight: Font.DemiBold
                color: Theme.accent
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: 8
                Text {
                    text: label
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    color: Theme.textMuted
                    wrapMode: Text.WordWrap
                    Layout.preferredWidth: 110
                    Layout.alignment: Qt.AlignTop
                }
                Text {
                    text: value
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontBody
                    font.weight: emphasis ? Font.DemiBold : Font.Normal
                    color: Theme.text
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
            }
            Text {
                visible: note.length > 0
                text: note
                font.family: Theme.fontFamily
                font.pixelSize: 9
                color: Theme.textMuted
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Layout.leftMargin: 118
            }
        }
    }
}

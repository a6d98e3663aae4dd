import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The layer list: visibility, opacity and order (row 0 on top).
SidebarSection {
    id: panel
    required property var layers
    title: qsTr("Layers")

    Repeater {
        model: panel.layers
        delegate: ColumnLayout {
            id: row
            required property int index
            required property string name
            required property string kind
            required property string family
            required property bool layerVisible
            required property real opacity
            required property int count
            spacing: 0
            Layout.fillWidth: true
            RowLayout {
                spacing: 4
                Layout.fillWidth: true
                CheckBox {
                    checked: row.layerVisible
                    onToggled: panel.layers.setVisible(row.index, checked)
                    padding: 0
                }
                Image {
                    visible: row.kind === "facility"
                    source: row.kind === "facility" ? "image://marker/" + row.family : ""
                    sourceSize: Qt.size(20, 20)
                    Layout.preferredWidth: 20
                    Layout.preferredHeight: 20
                }
                Text {
                    text: row.name + (row.kind === "facility" ? " (" + row.count + ")" : "")
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontBody
                    color: row.layerVisible ? Theme.text : Theme.textMuted
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                ToolButton {
                    text: "▲"
                    font.pixelSize: 8
                    enabled: row.index > 0
                    onClicked: panel.layers.move(row.index, row.index - 1)
                    implicitWidth: 20; implicitHeight: 20
                    ToolTip.text: qsTr("Move up")
                    ToolTip.visible: hovered
                }
                ToolButton {
                    text: "▼"
                    font.pixelSize: 8
                    enabled: row.index < panel.layers.rowCount() - 1
                    onClicked: panel.layers.move(row.index, row.index + 1)
                    implicitWidth: 20; implicitHeight: 20
                    ToolTip.text: qsTr("Move down")
                    ToolTip.visible: hovered
                }
            }
            Slider {
                visible: row.kind !== "labels"
                from: 0; to: 1
                value: row.opacity
                onMoved: panel.layers.setOpacity(row.index, value)
                Layout.fillWidth: true
                Layout.leftMargin: 26
                implicitHeight: 16
                ToolTip.text: qsTr("Opacity")
                ToolTip.visible: hovered
            }
        }
    }
}

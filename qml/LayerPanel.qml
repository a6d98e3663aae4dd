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
        delegate: RowLayout {
            id: row
            required property int index
            required property string name
            required property string kind
            required property string family
            required property bool layerVisible
            required property real layerOpacity
            required property int count
            spacing: 4
            Layout.fillWidth: true
            CheckBox {
                checked: row.layerVisible
                onToggled: panel.layers.setVisible(row.index, checked)
                padding: 0
            }
            Item {
                Layout.preferredWidth: 18
                Layout.preferredHeight: 18
                Image {
                    anchors.centerIn: parent
                    visible: row.kind === "facility"
                    source: row.kind === "facility" ? "image://marker/" + row.family : ""
                    sourceSize: Qt.size(18, 18)
                }
            }
            Text {
                text: row.name + (row.kind === "facility" ? " (" + row.count + ")" : "")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall + 1
                color: row.layerVisible ? Theme.text : Theme.textMuted
                elide: Text.ElideRight
                Layout.fillWidth: true
                ToolTip.text: text
                ToolTip.visible: nameArea.containsMouse && truncated
                MouseArea { id: nameArea; anchors.fill: parent; hoverEnabled: true }
            }
            Slider {
                visible: row.kind !== "labels"
                from: 0; to: 1
                value: row.layerOpacity
                onMoved: panel.layers.setOpacity(row.index, value)
                Layout.preferredWidth: 56
                implicitHeight: 18
                ToolTip.text: qsTr("Opacity")
                ToolTip.visible: hovered
            }
            Item { visible: row.kind === "labels"; Layout.preferredWidth: 56 }
            ToolButton {
                text: "▴"
                font.pixelSize: 11
                enabled: row.index > 0
                onClicked: panel.layers.move(row.index, row.index - 1)
                implicitWidth: 16; implicitHeight: 18
                padding: 0
                ToolTip.text: qsTr("Move up")
                ToolTip.visible: hovered
            }
            ToolButton {
                text: "▾"
                font.pixelSize: 11
                enabled: row.index < panel.layers.rowCount() - 1
                onClicked: panel.layers.move(row.index, row.index + 1)
                implicitWidth: 16; implicitHeight: 18
                padding: 0
                ToolTip.text: qsTr("Move down")
                ToolTip.visible: hovered
            }
        }
    }
}

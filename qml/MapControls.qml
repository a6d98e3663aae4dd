import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Zoom in / out, zoom to the CAPSO, zoom to a bassin de vie.
ColumnLayout {
    id: controls
    required property var map
    required property var bassins
    spacing: 4

    component MapButton: Button {
        implicitWidth: 32
        implicitHeight: 32
        font.pixelSize: 16
        ToolTip.visible: hovered
        ToolTip.delay: 400
    }
    MapButton { text: "+"; ToolTip.text: qsTr("Zoom in (+)"); onClicked: controls.map.zoomIn() }
    MapButton { text: "−"; ToolTip.text: qsTr("Zoom out (−)"); onClicked: controls.map.zoomOut() }
    MapButton {
        text: "⌂"
        ToolTip.text: qsTr("Zoom to the CAPSO")
        onClicked: controls.map.zoomToCapso()
    }
    MapButton {
        id: bassinButton
        text: "◎"
        ToolTip.text: qsTr("Zoom to a bassin de vie")
        onClicked: bassinMenu.popup(bassinButton, bassinButton.width + 4, 0)
        Menu {
            id: bassinMenu
            Repeater {
                model: controls.bassins
                MenuItem {
                    required property var modelData
                    text: modelData.name
                    onTriggered: controls.map.zoomToBassin(modelData.index)
                }
            }
        }
    }
}

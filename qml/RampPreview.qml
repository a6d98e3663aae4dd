import QtQuick
import QtQuick.Layouts

// A colour ramp drawn as adjacent swatches, with its name.
RowLayout {
    property var colors: []
    property string label
    spacing: 6
    Row {
        Repeater {
            model: colors
            Rectangle { required property color modelData; width: 14; height: 12; color: modelData }
        }
    }
    Text { text: label; font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall; color: Theme.text }
}

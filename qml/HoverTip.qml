import QtQuick

// The name and value under the pointer, next to it.
Rectangle {
    property string text
    property point position
    visible: text.length > 0
    x: position.x + 14
    y: position.y + 10
    width: label.implicitWidth + 12
    height: label.implicitHeight + 6
    radius: 3
    color: "#f0262a33"
    Text {
        id: label
        anchors.centerIn: parent
        text: parent.text
        color: "white"
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
    }
}

import QtQuick

// A legend swatch; hatched (diagonal lines over grey) for "données non disponibles".
Rectangle {
    property bool hatched: false
    width: 22
    height: 14
    border.color: "#9a9a9a"
    border.width: 0.5
    clip: true
    Repeater {
        model: hatched ? 6 : 0
        Rectangle {
            required property int index
            width: 1; height: 40
            color: "#969696"
            x: index * 5 - 4
            y: -12
            rotation: 45
        }
    }
}

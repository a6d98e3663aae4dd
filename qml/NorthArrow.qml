import QtQuick
import QtQuick.Shapes

// North arrow. Lambert-93 grid north; at the CAPSO the grid convergence is about 0.5°, too
// small to draw.
Item {
    width: 26
    height: 40
    Shape {
        anchors.fill: parent
        ShapePath {
            strokeColor: "#262a33"; strokeWidth: 1; fillColor: "#262a33"
            startX: 13; startY: 14
            PathLine { x: 21; y: 38 }
            PathLine { x: 13; y: 32 }
            PathLine { x: 13; y: 14 }
        }
        ShapePath {
            strokeColor: "#262a33"; strokeWidth: 1; fillColor: "white"
            startX: 13; startY: 14
            PathLine { x: 5; y: 38 }
            PathLine { x: 13; y: 32 }
            PathLine { x: 13; y: 14 }
        }
    }
    Text {
        anchors.horizontalCenter: parent.horizontalCenter
        y: 0
        text: "N"
        font.family: Theme.fontFamily
        font.pixelSize: 11
        font.weight: Font.DemiBold
        color: "#262a33"
    }
}

import QtQuick

// A scale bar of a round length (1, 2 or 5 × 10^n m) at most `maxWidth` pixels long.
Item {
    id: bar
    property real metresPerPixel: 1
    property real maxWidth: 130
    readonly property real niceMetres: {
        const target = metresPerPixel * maxWidth
        const p = Math.pow(10, Math.floor(Math.log(target) / Math.LN10))
        const f = target / p
        return (f >= 5 ? 5 : f >= 2 ? 2 : 1) * p
    }
    width: niceMetres / metresPerPixel
    height: 22

    Rectangle { x: 0; y: 14; width: bar.width; height: 4; color: "#262a33" }
    Rectangle { x: 0; y: 14; width: bar.width / 2; height: 4; color: "white"; border.color: "#262a33"; border.width: 1 }
    Text {
        x: 0; y: 0
        text: bar.niceMetres >= 1000 ? (bar.niceMetres / 1000).toLocaleString(Qt.locale("fr_FR"), "f", 0) + " km"
                                     : bar.niceMetres.toLocaleString(Qt.locale("fr_FR"), "f", 0) + " m"
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        color: Theme.text
        style: Text.Outline
        styleColor: "white"
    }
}

import QtQuick
import QtQuick.Layouts

// A titled block of a sidebar: small-caps header, then the content.
ColumnLayout {
    id: section
    property string title
    default property alias content: body.data
    spacing: 6
    Layout.fillWidth: true

    Text {
        text: section.title.toUpperCase()
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        font.letterSpacing: 1.0
        font.weight: Font.DemiBold
        color: Theme.textMuted
        Layout.fillWidth: true
    }
    ColumnLayout {
        id: body
        spacing: 4
        Layout.fillWidth: true
    }
}

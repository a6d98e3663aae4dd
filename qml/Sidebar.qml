import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A scrollable side panel with a hairline border; children stack vertically.
Rectangle {
    id: sidebar
    default property alias content: column.data
    color: Theme.panel
    border.color: Theme.panelBorder
    border.width: 1

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth
        contentHeight: column.implicitHeight + 32
        ScrollBar.horizontal.policy: ScrollBar.AlwaysOff
        ColumnLayout {
            id: column
            x: 16
            y: 16
            width: scroll.availableWidth - 32
            spacing: 18
        }
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Search a commune or a facility by name, accent-insensitively; Enter or click zooms to it.
ColumnLayout {
    id: box
    required property var document
    spacing: 2
    Layout.fillWidth: true

    TextField {
        id: field
        Layout.fillWidth: true
        placeholderText: qsTr("Search a commune or a facility…")
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
        selectByMouse: true
        onTextChanged: box.document.search.query = text
        Keys.onReturnPressed: if (results.count > 0) box.activate(0)
        Keys.onDownPressed: results.forceActiveFocus()
    }
    ListView {
        id: results
        Layout.fillWidth: true
        Layout.preferredHeight: Math.min(count, 8) * 36
        visible: count > 0 && field.text.length > 0
        clip: true
        model: box.document.search
        delegate: ItemDelegate {
            required property int index
            required property string name
            required property string detail
            required property string kind
            width: ListView.view.width
            height: 36
            contentItem: Column {
                Text { text: name; font.family: Theme.fontFamily; font.pixelSize: Theme.fontBody; color: Theme.text; elide: Text.ElideRight; width: parent.width }
                Text { text: (kind === "commune" ? qsTr("Commune") : qsTr("Facility")) + " · " + detail; font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall; color: Theme.textMuted; elide: Text.ElideRight; width: parent.width }
            }
            onClicked: box.activate(index)
        }
    }
    function activate(row) {
        box.document.activateSearchResult(row)
        field.text = ""
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Facility filters by status and by subtype, plus a key to the marker variants.
SidebarSection {
    id: panel
    required property var filters
    title: qsTr("Facility filters")

    Flow {
        Layout.fillWidth: true
        spacing: 2
        Repeater {
            model: panel.filters
            delegate: CheckBox {
                required property int index
                required property string label
                required property bool checked
                required property int count
                required property string group
                text: label + " (" + count + ")"
                checked: checked
                font.pixelSize: Theme.fontSmall
                font.weight: group === "status" ? Font.DemiBold : Font.Normal
                onToggled: panel.filters.setChecked(index, checkState === Qt.Checked)
            }
        }
    }
    RowLayout {
        spacing: 10
        Layout.fillWidth: true
        Repeater {
            model: [
                { id: "EAJE/open/address", label: qsTr("open") },
                { id: "EAJE/closed/address", label: qsTr("closed") },
                { id: "EAJE/project/address", label: qsTr("project") },
                { id: "EAJE/open/commune", label: qsTr("located to the commune") }
            ]
            delegate: RowLayout {
                required property var modelData
                spacing: 2
                Image { source: "image://marker/" + modelData.id; sourceSize: Qt.size(18, 18) }
                Text { text: modelData.label; font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall; color: Theme.textMuted }
            }
        }
    }
}

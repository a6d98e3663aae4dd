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
                required property bool filterChecked
                required property int count
                required property string group
                text: label + " (" + count + ")"
                checked: filterChecked
                font.pixelSize: Theme.fontSmall
                font.weight: group === "status" ? Font.DemiBold : Font.Normal
                onToggled: panel.filters.setChecked(index, checkState === Qt.Checked)
            }
        }
    }
    Flow {
        spacing: 10
        Layout.fillWidth: true
        Layout.topMargin: 4
        Repeater {
            model: [
                { id: "EAJE/open/address", label: qsTr("open") },
                { id: "EAJE/closed/address", label: qsTr("closed") },
                { id: "EAJE/project/address", label: qsTr("project") },
                { id: "EAJE/open/commune", label: qsTr("located to the commune") }
            ]
            delegate: Row {
                required property var modelData
                spacing: 3
                Image { source: "image://marker/" + modelData.id; sourceSize: Qt.size(18, 18) }
                Text { anchors.verticalCenter: parent.verticalCenter; text: modelData.label; font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall; color: Theme.textMuted }
            }
        }
    }
}

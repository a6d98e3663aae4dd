import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Choice of the mapped indicator and of its classification (method, classes, colours).
SidebarSection {
    id: panel
    required property var document
    title: qsTr("Indicator")

    ComboBox {
        id: indicatorBox
        objectName: "indicatorBox"
        Layout.fillWidth: true
        model: panel.document.indicators
        textRole: "label"
        valueRole: "key"
        font.pixelSize: Theme.fontBody
        onActivated: panel.document.indicator = currentValue
        Component.onCompleted: currentIndex = indexOfValue(panel.document.indicator)
        Connections {
            target: panel.document
            function onChoroplethChanged() { indicatorBox.currentIndex = indicatorBox.indexOfValue(panel.document.indicator) }
        }
        delegate: ItemDelegate {
            required property var modelData
            required property int index
            width: ListView.view.width
            text: modelData.label
            font.pixelSize: Theme.fontBody
            font.weight: modelData.ctg ? Font.DemiBold : Font.Normal
            highlighted: indicatorBox.highlightedIndex === index
        }
    }
    GridLayout {
        columns: 2
        columnSpacing: Theme.spacing
        rowSpacing: 4
        Layout.fillWidth: true

        Label { text: qsTr("Method"); font.pixelSize: Theme.fontSmall; color: Theme.textMuted }
        ComboBox {
            id: methodBox
            Layout.fillWidth: true
            model: panel.document.methods
            textRole: "label"
            valueRole: "key"
            font.pixelSize: Theme.fontBody
            onActivated: panel.document.method = currentValue
            function sync() { currentIndex = indexOfValue(panel.document.method) }
            Component.onCompleted: sync()
            Connections { target: panel.document; function onChoroplethChanged() { methodBox.sync() } }
        }
        Label { text: qsTr("Classes"); font.pixelSize: Theme.fontSmall; color: Theme.textMuted }
        SpinBox {
            from: 3; to: 7
            value: panel.document.classCount
            enabled: panel.document.method !== "manual"
            onValueModified: panel.document.classCount = value
            font.pixelSize: Theme.fontBody
        }
        Label { text: qsTr("Colours"); font.pixelSize: Theme.fontSmall; color: Theme.textMuted }
        RowLayout {
            Layout.fillWidth: true
            ComboBox {
                id: schemeBox
                Layout.fillWidth: true
                model: panel.document.schemes
                textRole: "name"
                valueRole: "name"
                font.pixelSize: Theme.fontBody
                onActivated: panel.document.scheme = currentValue
                function sync() { currentIndex = indexOfValue(panel.document.scheme) }
                Component.onCompleted: sync()
                Connections { target: panel.document; function onChoroplethChanged() { schemeBox.sync() } }
                delegate: ItemDelegate {
                    required property var modelData
                    required property int index
                    width: ListView.view.width
                    contentItem: RampPreview { colors: modelData.colors; label: modelData.name }
                    highlighted: schemeBox.highlightedIndex === index
                }
            }
            CheckBox {
                text: qsTr("Reverse")
                checked: panel.document.reversed
                onToggled: panel.document.reversed = checked
                font.pixelSize: Theme.fontSmall
            }
        }
        Label {
            text: qsTr("Breaks")
            visible: panel.document.method === "manual"
            font.pixelSize: Theme.fontSmall; color: Theme.textMuted
        }
        TextField {
            visible: panel.document.method === "manual"
            Layout.fillWidth: true
            text: panel.document.manualBreaks
            font.pixelSize: Theme.fontBody
            onEditingFinished: panel.document.manualBreaks = text
        }
    }
    Label {
        visible: panel.document.choroplethError.length > 0
        text: panel.document.choroplethError
        color: "#b2182b"
        wrapMode: Text.WordWrap
        font.pixelSize: Theme.fontSmall
        Layout.fillWidth: true
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Maillage

// The main window: indicator, legend and search on the left; the map in the centre;
// layers, filters and the info panel on the right.
ApplicationWindow {
    id: window
    required property MapDocument document
    visible: true
    title: qsTr("Maillage — family services of the CAPSO")
    color: Theme.background
    font.family: Theme.fontFamily

    RowLayout {
        anchors.fill: parent
        spacing: 0

        Sidebar {
            Layout.preferredWidth: Theme.sidebarWidth
            Layout.fillHeight: true
                Column {
                    Layout.fillWidth: true
                    Text { text: "Maillage"; font.family: Theme.fontFamily; font.pixelSize: 20; font.weight: Font.DemiBold; color: Theme.text }
                    Text { text: qsTr("Family services · Pays de Saint-Omer"); font.family: Theme.fontFamily; font.pixelSize: Theme.fontSmall; color: Theme.textMuted }
                }
                SearchBox { document: window.document }
                ChoroplethPanel { document: window.document }
                LegendPanel { legend: window.document.legend }
        }

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true

            MapCanvas {
                id: map
                objectName: "map"
                anchors.fill: parent
                document: window.document
                focus: true
                // Touchpad / touchscreen pinch: zoom around the pinch centre.
                PinchHandler {
                    target: null
                    property real lastScale: 1
                    onActiveChanged: lastScale = 1
                    onActiveScaleChanged: {
                        map.zoomAt(centroid.position.x, centroid.position.y, activeScale / lastScale)
                        lastScale = activeScale
                    }
                }
            }
            MapControls {
                anchors.left: parent.left
                anchors.top: parent.top
                anchors.margins: 12
                map: map
                bassins: window.document.bassins
            }
            NorthArrow {
                anchors.right: parent.right
                anchors.top: parent.top
                anchors.margins: 14
            }
            ScaleBar {
                anchors.left: parent.left
                anchors.bottom: parent.bottom
                anchors.margins: 14
                metresPerPixel: map.metresPerPixel
            }
            Text {
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                anchors.margins: 6
                text: qsTr("Lambert-93 (EPSG:2154) · Boundaries: IGN ADMIN EXPRESS COG 2018 · Facilities: CTG CAPSO 2026–2030")
                font.family: Theme.fontFamily
                font.pixelSize: 9
                color: Theme.textMuted
            }
            HoverTip {
                text: map.hoverText
                position: map.hoverPosition
            }
            Label {
                anchors.centerIn: parent
                visible: !window.document.loaded
                text: window.document.loading ? qsTr("Loading…") : window.document.errorMessage
                wrapMode: Text.WordWrap
                width: Math.min(parent.width - 40, 520)
                horizontalAlignment: Text.AlignHCenter
                color: Theme.text
            }
        }

        Sidebar {
            Layout.preferredWidth: Theme.sidebarWidth
            Layout.fillHeight: true
                InfoPanel {
                    info: window.document.info
                    onCloseRequested: window.document.clearSelection()
                }
                LayerPanel { layers: window.document.layers }
                FacilityFilters { filters: window.document.facilityFilters }
        }
    }
}

#!/usr/bin/python3
"""P2 peer: QGIS's "Service area (from point)" (native:serviceareafrompoint) in-process.

Runs the algorithm RUNS times through PyQGIS (one QgsApplication, so QGIS's start-up is not
counted; each run reads the edge layer, builds QGIS's graph and searches it, as
qgis_process does) and prints one line:
    median_ms M min_ms M runs N reached_km KM
reached_km is the length of the union of the returned lines (QGIS returns each two-way street
once per direction, so the plain sum double-counts them).

Usage: qgis_service_area.py EDGES.gpkg "X,Y" RUNS PROJECT.qgs
  EDGES.gpkg from `MAILLAGE_EXPORT_LINES=... bench_isochrone` (EPSG:2154, dir F/B/T,
  speed_kmh = 3.6 x length / seconds), X,Y the origin in EPSG:2154.
Needs QT_QPA_PLATFORM=offscreen without a display.
"""
import statistics
import sys
import time

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsGeometry, QgsProcessingContext,
                       QgsProject)

QgsApplication.setPrefixPath('/usr', True)
app = QgsApplication([], False)
app.initQgis()
sys.path.append('/usr/share/qgis/python/plugins')
from processing.core.Processing import Processing  # noqa: E402

Processing.initialize()
import processing  # noqa: E402

edges, origin, runs, project_path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
project = QgsProject.instance()
project.read(project_path)
project.setCrs(QgsCoordinateReferenceSystem('EPSG:2154'))
project.setEllipsoid('NONE')  # planar lengths in EPSG:2154 metres, as the exported speeds assume
params = dict(INPUT=edges, STRATEGY=1, DIRECTION_FIELD='dir', VALUE_FORWARD='F', VALUE_BACKWARD='B',
              VALUE_BOTH='T', DEFAULT_DIRECTION=2, SPEED_FIELD='speed_kmh', DEFAULT_SPEED=50, TOLERANCE=0,
              START_POINT=origin + ' [EPSG:2154]', TRAVEL_COST2=0.25,  # hours for 'Fastest': 900 s
              INCLUDE_BOUNDS=False, OUTPUT_LINES='memory:', OUTPUT='memory:')
times = []
for _ in range(runs):
    context = QgsProcessingContext()
    context.setProject(project)
    context.setEllipsoid('NONE')
    t0 = time.perf_counter()
    result = processing.run('native:serviceareafrompoint', params, context=context)
    times.append((time.perf_counter() - t0) * 1000.0)
lines = result['OUTPUT_LINES']
union = QgsGeometry.unaryUnion([f.geometry() for f in lines.getFeatures()])
print('median_ms %.1f min_ms %.1f runs %d reached_km %.1f' %
      (statistics.median(times), min(times), runs, union.length() / 1000.0))
app.exitQgis()

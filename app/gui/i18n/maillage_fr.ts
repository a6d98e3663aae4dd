<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>ChoroplethPanel</name>
    <message>
        <source>Indicator</source>
        <translation>Indicateur</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Classes</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Couleurs</translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation>Inverser</translation>
    </message>
    <message>
        <source>Breaks</source>
        <translation>Seuils</translation>
    </message>
</context>
<context>
    <name>FacilityFilters</name>
    <message>
        <source>Facility filters</source>
        <translation>Filtres des équipements</translation>
    </message>
    <message>
        <source>open</source>
        <translation>ouvert</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>fermé</translation>
    </message>
    <message>
        <source>project</source>
        <translation>en projet</translation>
    </message>
    <message>
        <source>located to the commune</source>
        <translation>localisé à la commune</translation>
    </message>
</context>
<context>
    <name>InfoPanel</name>
    <message>
        <source>Information</source>
        <translation>Informations</translation>
    </message>
    <message>
        <source>Click a commune or a facility on the map.</source>
        <translation>Cliquez sur une commune ou un équipement de la carte.</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Opacité</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Descendre</translation>
    </message>
</context>
<context>
    <name>LegendPanel</name>
    <message>
        <source>Legend</source>
        <translation>Légende</translation>
    </message>
    <message>
        <source>Counts: number of %1 per class</source>
        <translation>Effectifs : nombre de %1 par classe</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Maillage — family services of the CAPSO</source>
        <translation>Maillage — services aux familles de la CAPSO</translation>
    </message>
    <message>
        <source>Family services · Pays de Saint-Omer</source>
        <translation>Services aux familles · Pays de Saint-Omer</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Lambert-93 (EPSG:2154) · Boundaries: IGN ADMIN EXPRESS COG 2018 · Facilities: CTG CAPSO 2026–2030</source>
        <translation>Lambert-93 (EPSG:2154) · Limites : IGN ADMIN EXPRESS COG 2018 · Équipements : CTG CAPSO 2026–2030</translation>
    </message>
</context>
<context>
    <name>MapControls</name>
    <message>
        <source>Zoom in (+)</source>
        <translation>Zoom avant (+)</translation>
    </message>
    <message>
        <source>Zoom out (−)</source>
        <translation>Zoom arrière (−)</translation>
    </message>
    <message>
        <source>Zoom to the CAPSO</source>
        <translation>Zoomer sur la CAPSO</translation>
    </message>
    <message>
        <source>Zoom to a bassin de vie</source>
        <translation>Zoomer sur un bassin de vie</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Search a commune or a facility…</source>
        <translation>Rechercher une commune ou un équipement…</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>Équipement</translation>
    </message>
</context>
<context>
    <name>maillage::app::MapDocument</name>
    <message>
        <source>Commune names</source>
        <translation>Noms des communes</translation>
    </message>
    <message>
        <source>Bassins de vie (boundaries)</source>
        <translation>Bassins de vie (limites)</translation>
    </message>
    <message>
        <source>CAPSO communes (choropleth)</source>
        <translation>Communes de la CAPSO (indicateur)</translation>
    </message>
    <message>
        <source>Stress test polygons</source>
        <translation>Polygones de test de charge</translation>
    </message>
    <message>
        <source>Neighbouring communes</source>
        <translation>Communes voisines</translation>
    </message>
    <message>
        <source>Manual breaks must be numbers separated by semicolons.</source>
        <translation>Les seuils manuels doivent être des nombres séparés par des points-virgules.</translation>
    </message>
    <message>
        <source>bassins</source>
        <translation>bassins</translation>
    </message>
    <message>
        <source>communes</source>
        <translation>communes</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>non disponible</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <source>INSEE code</source>
        <translation>Code INSEE</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>Population</translation>
    </message>
    <message>
        <source>Population municipale in force in 2026 (INSEE RP 2022, DGCL)</source>
        <translation>Population municipale en vigueur en 2026 (Insee RP 2022, DGCL)</translation>
    </message>
    <message>
        <source>Bassin de vie</source>
        <translation>Bassin de vie</translation>
    </message>
    <message>
        <source>As defined by the CTG</source>
        <translation>Selon la CTG</translation>
    </message>
    <message>
        <source>RPE sector</source>
        <translation>Secteur RPE</translation>
    </message>
    <message>
        <source>CTG</source>
        <translation>CTG</translation>
    </message>
    <message>
        <source>CAPSO</source>
        <translation>CAPSO</translation>
    </message>
    <message>
        <source>Département (%1)</source>
        <translation>Département (%1)</translation>
    </message>
    <message>
        <source>Map scale</source>
        <translation>Échelle de la carte</translation>
    </message>
    <message>
        <source>Facilities in the commune (open or planned)</source>
        <translation>Équipements de la commune (ouverts ou en projet)</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>Équipement</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Gestionnaire</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>non précisé</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Capacité</translation>
    </message>
    <message>
        <source>%1 places</source>
        <translation>%1 places</translation>
    </message>
    <message>
        <source>not given by the CTG</source>
        <translation>non précisée par la CTG</translation>
    </message>
    <message>
        <source>Number of structures</source>
        <translation>Nombre de structures</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Horaires</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Localisation</translation>
    </message>
    <message>
        <source>located to the commune (approximate position: the commune&apos;s main settlement)</source>
        <translation>localisé à la commune (position approximative : bourg principal de la commune)</translation>
    </message>
    <message>
        <source>located at the address</source>
        <translation>localisé à l&apos;adresse</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>CTG line</source>
        <translation>Ligne de la CTG</translation>
    </message>
    <message>
        <source>Convention territoriale globale, line %1</source>
        <translation>Convention territoriale globale, ligne %1</translation>
    </message>
    <message>
        <source>See also lines %1</source>
        <translation>Voir aussi les lignes %1</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Remarques</translation>
    </message>
    <message>
        <source>CTG document: %1</source>
        <translation>document CTG : %1</translation>
    </message>
</context>
</TS>

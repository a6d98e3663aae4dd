// Typed errors of the spatial engine.
//
// Contract: every exception thrown by maillage_geo derives from maillage::geo::Error, and its
// what() is a complete English sentence a user can act on, naming the file (and layer and
// feature when known) and what is wrong with it. Callers (CLI, app) print what() as is and map
// the type to an exit code; they never need to parse it.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace maillage::geo {

/// Where in the input a problem was found. Empty fields are omitted from messages.
struct Location {
    std::string file;
    std::string layer;
    std::optional<std::int64_t> feature;  ///< feature id (FID) or 1-based data row

    /// "file.geojson, layer 'x', feature 12" (only the known parts).
    [[nodiscard]] std::string describe() const;
};

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Bad input data: a missing or unreadable file, a malformed format, a missing column, a value
/// that cannot be parsed, an unexpected CRS, an empty layer, an invalid geometry.
class InputError : public Error {
public:
    InputError(Location where, const std::string& problem);
    [[nodiscard]] const Location& where() const noexcept { return where_; }
    [[nodiscard]] const std::string& problem() const noexcept { return problem_; }

private:
    Location where_;
    std::string problem_;
};

/// A coordinate reference system that cannot be built or a coordinate that cannot be moved.
class CrsError : public Error {
public:
    using Error::Error;
};

/// A geometry operation (GEOS) that failed on valid-looking input.
class GeometryError : public Error {
public:
    using Error::Error;
};

/// Writing an output failed (disk full, permission, driver error). Nothing partial is left.
class OutputError : public Error {
public:
    OutputError(const std::string& file, const std::string& problem);
};

}  // namespace maillage::geo

#include "geo/core/error.h"

namespace maillage::geo {

std::string Location::describe() const {
    std::string out = file;
    if (!layer.empty()) out += (out.empty() ? "" : ", ") + std::string("layer '") + layer + "'";
    if (feature) out += (out.empty() ? "" : ", ") + std::string("feature ") + std::to_string(*feature);
    return out;
}

InputError::InputError(Location where, const std::string& problem)
    : Error(where.describe() + ": " + problem), where_(std::move(where)), problem_(problem) {}

OutputError::OutputError(const std::string& file, const std::string& problem)
    : Error("cannot write " + file + ": " + problem) {}

}  // namespace maillage::geo

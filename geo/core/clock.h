// Wall-clock timestamps as stored in the project database.
#pragma once

#include <string>

namespace maillage::geo {

/// The current time as ISO 8601 UTC with second precision, e.g. "2026-11-29T07:24:31Z".
[[nodiscard]] std::string now_utc_iso();

}  // namespace maillage::geo

// Editing the facilities of a project database in place, with their history.
//
// Contract:
// - Every call is one SQLite transaction: it happens completely or not at all.
// - A uid is never reused: new facilities get "user-<n>" with n above every uid ever written
//   (facility_history included, so deleted uids stay retired).
// - Each change bumps `revision` and appends a facility_history row (changed_at ISO 8601 UTC,
//   action create/update/delete, author) whose `changes` JSON maps every changed column to
//   [old, new]; a position change appears as "x"/"y" (EPSG:2154 metres).
// - site_key / site_rank / site_size are recomputed for the whole layer after each change.
// - Throws InputError for an unknown uid or an invalid value (family, status,
//   location_precision, a commune outside the CAPSO), OutputError when writing fails.
#pragma once

#include <filesystem>
#include <string>

#include "geo/db/project_db.h"

namespace maillage::geo::db {

class FacilityStore {
  public:
    explicit FacilityStore(const std::filesystem::path& database);

    [[nodiscard]] Facility get(const std::string& uid) const;
    /// Writes `edited` over the stored facility with the same uid (uid, revision and site
    /// fields of `edited` are ignored; commune_name follows commune_insee). Returns the new
    /// revision; a call that changes nothing returns the current one and writes no history.
    int update(const Facility& edited, const std::string& author);
    /// Adds a facility; returns its new uid.
    std::string add(const Facility& facility, const std::string& author);
    /// Deletes a facility; its history stays, with a final 'delete' row.
    void remove(const std::string& uid, const std::string& author);

    [[nodiscard]] const ProjectDatabase& database() const noexcept { return db_; }

  private:
    ProjectDatabase db_;
};

}  // namespace maillage::geo::db

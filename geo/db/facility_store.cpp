#include "geo/db/facility_store.h"

#include <ogrsf_frmts.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "geo/core/clock.h"
#include "geo/core/error.h"
#include "geo/core/gdal.h"
#include "geo/db/gpkg_writer.h"
#include "geo/db/schema.h"

namespace maillage::geo::db {

namespace {

using nlohmann::json;

template <typename T>
json opt_json(const std::optional<T>& v) {
    return v ? json(*v) : json();
}

/// The editable columns of a facility, as JSON values (the position as x/y).
std::map<std::string, json> columns(const Facility& f) {
    return {{"family", f.family},
            {"type", f.type},
            {"subtype", f.subtype},
            {"name", f.name},
            {"operator", f.operator_name},
            {"address", f.address},
            {"postcode", f.postcode},
            {"commune_insee", f.commune_insee},
            {"commune_name", f.commune_name},
            {"capacity", opt_json(f.capacity)},
            {"count", opt_json(f.count)},
            {"opening_notes", f.opening_notes},
            {"status", f.status},
            {"status_note", f.status_note},
            {"closed_date", opt_json(f.closed_date)},
            {"source_line", opt_json(f.source_line)},
            {"other_lines", f.other_lines},
            {"location_precision", f.location_precision},
            {"address_precision_source", f.address_precision_source},
            {"location_source", f.location_source},
            {"notes", f.notes},
            {"x", f.x},
            {"y", f.y}};
}

void set_text(OGRFeature& feature, const char* name, const std::string& v) {
    feature.SetField(name, v.c_str());
}
template <typename T>
void set_opt(OGRFeature& feature, const char* name, const std::optional<T>& v) {
    const int i = feature.GetFieldIndex(name);
    if (!v) {
        feature.SetFieldNull(i);
    } else if constexpr (std::is_same_v<T, std::string>) {
        feature.SetField(i, v->c_str());
    } else {
        feature.SetField(i, static_cast<GIntBig>(*v));
    }
}

void fill(OGRFeature& out, const Facility& f) {
    set_text(out, "uid", f.uid);
    set_text(out, "family", f.family);
    set_text(out, "type", f.type);
    set_text(out, "subtype", f.subtype);
    set_text(out, "name", f.name);
    set_text(out, "operator", f.operator_name);
    set_text(out, "address", f.address);
    set_text(out, "postcode", f.postcode);
    set_text(out, "commune_insee", f.commune_insee);
    set_text(out, "commune_name", f.commune_name);
    set_opt(out, "capacity", f.capacity);
    set_opt(out, "count", f.count);
    set_text(out, "opening_notes", f.opening_notes);
    set_text(out, "status", f.status);
    set_text(out, "status_note", f.status_note);
    set_opt(out, "closed_date", f.closed_date);
    set_opt(out, "source_line", f.source_line);
    set_text(out, "other_lines", f.other_lines);
    set_text(out, "location_precision", f.location_precision);
    set_text(out, "address_precision_source", f.address_precision_source);
    set_text(out, "location_source", f.location_source);
    set_text(out, "site_key", f.site_key);
    out.SetField("site_rank", f.site_rank);
    out.SetField("site_size", f.site_size);
    set_text(out, "notes", f.notes);
    out.SetField("revision", f.revision);
    auto* p = new OGRPoint(f.x, f.y);
    p->assignSpatialReference(&lambert93());
    out.SetGeometryDirectly(p);
}

std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

/// Rolls back unless committed.
class Transaction {
  public:
    Transaction(GDALDataset& ds, const std::filesystem::path& file) : ds_(ds), file_(file) {
        if (ds_.StartTransaction() != OGRERR_NONE)
            throw OutputError(file.string(), "cannot start a transaction");
    }
    ~Transaction() {
        if (!done_) ds_.RollbackTransaction();
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit() {
        done_ = true;
        GdalErrorCapture capture;
        if (ds_.CommitTransaction() != OGRERR_NONE)
            throw OutputError(file_.string(), "commit failed: " + capture.last_message());
    }

  private:
    GDALDataset& ds_;
    const std::filesystem::path& file_;
    bool done_ = false;
};

class Editor {
  public:
    explicit Editor(const ProjectDatabase& db)
        : db_(db),
          ds_(db.dataset()),
          file_(db.path()),
          facilities_(vector_layer(ds_, file_, std::string(layer::kFacilities))),
          history_(vector_layer(ds_, file_, std::string(layer::kFacilityHistory))) {}

    /// The stored feature of `uid`, or InputError.
    std::unique_ptr<OGRFeature> find(const std::string& uid) {
        facilities_.SetAttributeFilter(("uid = " + quote(uid)).c_str());
        facilities_.ResetReading();
        std::unique_ptr<OGRFeature> f(facilities_.GetNextFeature());
        facilities_.SetAttributeFilter(nullptr);
        if (!f)
            throw InputError({file_.string(), std::string(layer::kFacilities), {}},
                             "no facility with uid " + uid);
        return f;
    }

    /// Checks the values and normalises commune_name; InputError naming the problem.
    void validate(Facility& f) {
        static const std::set<std::string> families = {"EAJE",   "RPE",          "LAEP", "ALSH",
                                                       "SOCIAL", "MAISON_CAPSO", "PIJ",  "OTHER"};
        static const std::set<std::string> statuses = {"open", "closed", "project"};
        const Location where{file_.string(), std::string(layer::kFacilities), {}};
        if (!families.contains(f.family))
            throw InputError(where, f.uid + ": unknown family '" + f.family + "'");
        if (!statuses.contains(f.status))
            throw InputError(where, f.uid + ": status must be open, closed or project");
        if (f.location_precision != "address" && f.location_precision != "commune") {
            throw InputError(where, f.uid + ": location_precision must be address or commune");
        }
        if (f.name.empty()) throw InputError(where, f.uid + ": empty name");
        if (!std::isfinite(f.x) || !std::isfinite(f.y))
            throw InputError(where, f.uid + ": position is not finite");
        if (communes_.empty()) {
            for (const auto& c : db_.communes()) communes_[c.insee] = c.name;
        }
        auto c = communes_.find(f.commune_insee);
        if (c == communes_.end())
            throw InputError(where,
                             f.uid + ": commune " + f.commune_insee + " is not in the CAPSO");
        f.commune_name = c->second;
    }

    void record(const std::string& uid, int revision, const char* action, const json& changes,
                const std::string& author) {
        std::unique_ptr<OGRFeature> h(OGRFeature::CreateFeature(history_.GetLayerDefn()));
        h->SetField("uid", uid.c_str());
        h->SetField("revision", revision);
        h->SetField("changed_at", now_utc_iso().c_str());
        h->SetField("action", action);
        h->SetField("changes", changes.dump().c_str());
        h->SetField("author", author.c_str());
        check(history_.CreateFeature(h.get()), "facility_history");
    }

    /// Recomputes site_key, site_rank, site_size of every facility; rewrites those that change.
    void recompute_sites() {
        struct Row {
            GIntBig fid;
            std::string uid, key;
        };
        std::map<std::string, std::vector<Row>> sites;
        facilities_.ResetReading();
        for (auto& f : facilities_) {
            const OGRPoint* p = f->GetGeometryRef() ? f->GetGeometryRef()->toPoint() : nullptr;
            if (p == nullptr) continue;
            const std::string key = std::string(f->GetFieldAsString("commune_insee")) + "@" +
                                    std::to_string(std::llround(p->getX())) + "," +
                                    std::to_string(std::llround(p->getY()));
            sites[key].push_back({f->GetFID(), f->GetFieldAsString("uid"), key});
        }
        for (auto& [key, rows] : sites) {
            std::sort(rows.begin(), rows.end(),
                      [](const Row& a, const Row& b) { return a.uid < b.uid; });
            for (std::size_t i = 0; i < rows.size(); ++i) {
                std::unique_ptr<OGRFeature> f(facilities_.GetFeature(rows[i].fid));
                const int rank = static_cast<int>(i + 1);
                const int size = static_cast<int>(rows.size());
                if (key == f->GetFieldAsString("site_key") &&
                    rank == f->GetFieldAsInteger("site_rank") &&
                    size == f->GetFieldAsInteger("site_size")) {
                    continue;
                }
                f->SetField("site_key", key.c_str());
                f->SetField("site_rank", rank);
                f->SetField("site_size", size);
                check(facilities_.SetFeature(f.get()), "facilities");
            }
        }
    }

    /// The next "user-<n>" uid: above every uid ever written (history included).
    std::string next_uid() {
        long long highest = 0;
        auto scan = [&](OGRLayer& layer) {
            layer.ResetReading();
            for (auto& f : layer) {
                const std::string uid = f->GetFieldAsString("uid");
                if (uid.rfind("user-", 0) == 0)
                    highest = std::max(highest, std::atoll(uid.c_str() + 5));
            }
        };
        scan(history_);
        scan(facilities_);
        return "user-" + std::to_string(highest + 1);
    }

    void check(OGRErr err, const char* layer) const {
        if (err != OGRERR_NONE)
            throw OutputError(file_.string(), std::string("writing layer ") + layer + " failed");
    }

    OGRLayer& facilities() { return facilities_; }
    GDALDataset& dataset() { return ds_; }
    const std::filesystem::path& file() const { return file_; }

  private:
    const ProjectDatabase& db_;
    GDALDataset& ds_;
    std::filesystem::path file_;
    OGRLayer& facilities_;
    OGRLayer& history_;
    std::map<std::string, std::string> communes_;
};

}  // namespace

FacilityStore::FacilityStore(const std::filesystem::path& database)
    : db_(ProjectDatabase::open(database, true)) {}

Facility FacilityStore::get(const std::string& uid) const {
    for (auto& f : db_.facilities()) {
        if (f.uid == uid) return f;
    }
    throw InputError({db_.path().string(), std::string(layer::kFacilities), {}},
                     "no facility with uid " + uid);
}

int FacilityStore::update(const Facility& edited, const std::string& author) {
    Editor editor(db_);
    Facility before = get(edited.uid);
    Facility after = edited;
    after.revision = before.revision;
    editor.validate(after);
    json changes = json::object();
    const auto old_columns = columns(before);
    for (const auto& [name, value] : columns(after)) {
        if (old_columns.at(name) != value)
            changes[name] = json::array({old_columns.at(name), value});
    }
    if (changes.empty()) return before.revision;
    after.revision = before.revision + 1;
    Transaction tx(editor.dataset(), editor.file());
    auto feature = editor.find(edited.uid);
    fill(*feature, after);
    editor.check(editor.facilities().SetFeature(feature.get()), "facilities");
    editor.record(after.uid, after.revision, "update", changes, author);
    editor.recompute_sites();
    tx.commit();
    return after.revision;
}

std::string FacilityStore::add(const Facility& facility, const std::string& author) {
    Editor editor(db_);
    Transaction tx(editor.dataset(), editor.file());
    Facility f = facility;
    f.uid = editor.next_uid();
    f.revision = 1;
    editor.validate(f);
    std::unique_ptr<OGRFeature> feature(
        OGRFeature::CreateFeature(editor.facilities().GetLayerDefn()));
    fill(*feature, f);
    editor.check(editor.facilities().CreateFeature(feature.get()), "facilities");
    json changes = json::object();
    for (const auto& [name, value] : columns(f)) changes[name] = json::array({nullptr, value});
    editor.record(f.uid, 1, "create", changes, author);
    editor.recompute_sites();
    tx.commit();
    return f.uid;
}

void FacilityStore::remove(const std::string& uid, const std::string& author) {
    Editor editor(db_);
    const Facility before = get(uid);
    Transaction tx(editor.dataset(), editor.file());
    auto feature = editor.find(uid);
    editor.check(editor.facilities().DeleteFeature(feature->GetFID()), "facilities");
    json changes = json::object();
    for (const auto& [name, value] : columns(before)) changes[name] = json::array({value, nullptr});
    editor.record(uid, before.revision + 1, "delete", changes, author);
    editor.recompute_sites();
    tx.commit();
}

}  // namespace maillage::geo::db

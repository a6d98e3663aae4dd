// Choosing the facilities a coverage or isochrone is computed for.
//
// Filter syntax (one condition per --filter option; conditions are ANDed):
//
//     FIELD OP VALUE
//
//   FIELD  a facility attribute: uid, family, type, subtype, name, operator, address, postcode,
//          commune_insee, commune_name, capacity, count, opening_notes, status, status_note,
//          location_precision, site_key, notes (case-insensitive)
//   OP     =   equals (case-insensitive); VALUE may list alternatives: status=open|project
//          !=  differs from every alternative
//          ~   contains (case-insensitive):  opening_notes~vacances
//          !~  does not contain
//          <  <=  >  >=  numeric comparison (capacity>=12); a missing value never matches
//   VALUE  the rest of the text, spaces around it trimmed; `field=` matches an empty or
//          missing attribute.
//
// Examples: "status=open", "type=ALSH_EXTRASCOLAIRE", "commune_insee=62765|62427",
// "capacity>=10". Parsing is a small hand-written scanner (no evaluation of code).
// A type selector (--type X) matches the family OR the type, case-insensitively:
// --type ALSH selects every facility of family ALSH, --type MICRO_CRECHE only micro-crèches.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "geo/core/error.h"
#include "geo/db/project_db.h"

namespace maillage::geo {

/// A selection that matches no facility; what() names the criteria.
class EmptySelectionError : public Error {
public:
    using Error::Error;
};

struct FacilityCondition {
    enum class Op { Equal, NotEqual, Contains, NotContains, Less, LessEqual, Greater, GreaterEqual };
    std::string field;                ///< canonical lower-case field name
    Op op = Op::Equal;
    std::vector<std::string> values;  ///< alternatives for = and != (one value otherwise)
    double number = 0.0;              ///< for numeric operators
    std::string text;                 ///< the condition as written, for messages

    /// Parses "field OP value". Throws std::invalid_argument with a message naming the
    /// problem (unknown field, no operator, non-numeric value for a numeric operator).
    [[nodiscard]] static FacilityCondition parse(std::string_view text);
    [[nodiscard]] bool matches(const db::Facility& f) const;
};

struct FacilitySelection {
    std::vector<std::string> types;  ///< --type values: family or type (any of them)
    std::vector<FacilityCondition> conditions;

    [[nodiscard]] bool matches(const db::Facility& f) const;
    /// "type ALSH, status=open" (for messages and metadata).
    [[nodiscard]] std::string describe() const;
    /// The matching facilities, in input order. Throws EmptySelectionError when none match
    /// (the message lists the criteria and the families present).
    [[nodiscard]] std::vector<db::Facility> apply(const std::vector<db::Facility>& all) const;
};

/// The facility fields a condition may name.
[[nodiscard]] const std::vector<std::string>& facility_filter_fields();

}  // namespace maillage::geo

#include "geo/coverage/facility_selection.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <set>
#include <stdexcept>

namespace maillage::geo {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::optional<std::string> text_field(const db::Facility& f, const std::string& field) {
    if (field == "uid") return f.uid;
    if (field == "family") return f.family;
    if (field == "type") return f.type;
    if (field == "subtype") return f.subtype;
    if (field == "name") return f.name;
    if (field == "operator") return f.operator_name;
    if (field == "address") return f.address;
    if (field == "postcode") return f.postcode;
    if (field == "commune_insee") return f.commune_insee;
    if (field == "commune_name") return f.commune_name;
    if (field == "opening_notes") return f.opening_notes;
    if (field == "status") return f.status;
    if (field == "status_note") return f.status_note;
    if (field == "location_precision") return f.location_precision;
    if (field == "site_key") return f.site_key;
    if (field == "notes") return f.notes;
    if (field == "capacity") return f.capacity ? std::optional(std::to_string(*f.capacity)) : std::nullopt;
    if (field == "count") return f.count ? std::optional(std::to_string(*f.count)) : std::nullopt;
    return std::nullopt;
}

std::optional<double> numeric_field(const db::Facility& f, const std::string& field) {
    if (field == "capacity" && f.capacity) return static_cast<double>(*f.capacity);
    if (field == "count" && f.count) return static_cast<double>(*f.count);
    if (auto text = text_field(f, field)) {
        double v = 0.0;
        const char* end = text->data() + text->size();
        if (auto [p, ec] = std::from_chars(text->data(), end, v); ec == std::errc() && p == end) return v;
    }
    return std::nullopt;
}

}  // namespace

const std::vector<std::string>& facility_filter_fields() {
    static const std::vector<std::string> fields{
        "uid",          "family",        "type",   "subtype",     "name",   "operator",
        "address",      "postcode",      "commune_insee", "commune_name", "capacity", "count",
        "opening_notes", "status",       "status_note", "location_precision", "site_key", "notes"};
    return fields;
}

FacilityCondition FacilityCondition::parse(std::string_view text) {
    FacilityCondition c;
    c.text = std::string(trim(text));
    // The field is the leading run of letters, digits and underscores.
    std::size_t k = 0;
    while (k < text.size() && (std::isalnum(static_cast<unsigned char>(text[k])) || text[k] == '_' ||
                               std::isspace(static_cast<unsigned char>(text[k]))))
        ++k;
    c.field = lower(trim(text.substr(0, k)));
    const auto& fields = facility_filter_fields();
    if (c.field.empty() || std::find(fields.begin(), fields.end(), c.field) == fields.end()) {
        std::string known;
        for (const auto& f : fields) known += (known.empty() ? "" : ", ") + f;
        throw std::invalid_argument("filter '" + c.text + "': unknown field '" + c.field +
                                    "' (expected FIELD OP VALUE with FIELD one of " + known + ")");
    }
    const std::string_view rest = text.substr(k);
    struct Token {
        std::string_view symbol;
        Op op;
    };
    // Longest operators first.
    static constexpr Token kTokens[] = {{"!=", Op::NotEqual}, {"!~", Op::NotContains}, {"<=", Op::LessEqual},
                                        {">=", Op::GreaterEqual}, {"=", Op::Equal},   {"~", Op::Contains},
                                        {"<", Op::Less},          {">", Op::Greater}};
    std::string_view value;
    bool found = false;
    for (const Token& t : kTokens) {
        if (rest.substr(0, t.symbol.size()) == t.symbol) {
            c.op = t.op;
            value = trim(rest.substr(t.symbol.size()));
            found = true;
            break;
        }
    }
    if (!found) {
        throw std::invalid_argument("filter '" + c.text +
                                    "': expected an operator (=, !=, ~, !~, <, <=, >, >=) after '" + c.field + "'");
    }
    switch (c.op) {
        case Op::Equal:
        case Op::NotEqual: {
            std::string_view v = value;
            while (true) {
                const std::size_t bar = v.find('|');
                c.values.push_back(lower(trim(v.substr(0, bar))));
                if (bar == std::string_view::npos) break;
                v.remove_prefix(bar + 1);
            }
            break;
        }
        case Op::Contains:
        case Op::NotContains:
            c.values.push_back(lower(value));
            break;
        default: {
            const char* end = value.data() + value.size();
            auto [p, ec] = std::from_chars(value.data(), end, c.number);
            if (value.empty() || ec != std::errc() || p != end) {
                throw std::invalid_argument("filter '" + c.text + "': '" + std::string(value) +
                                            "' is not a number");
            }
        }
    }
    return c;
}

bool FacilityCondition::matches(const db::Facility& f) const {
    switch (op) {
        case Op::Equal:
        case Op::NotEqual: {
            const std::string v = lower(text_field(f, field).value_or(""));
            const bool any = std::find(values.begin(), values.end(), v) != values.end();
            return op == Op::Equal ? any : !any;
        }
        case Op::Contains:
        case Op::NotContains: {
            const bool has = lower(text_field(f, field).value_or("")).find(values.front()) != std::string::npos;
            return op == Op::Contains ? has : !has;
        }
        default: {
            const auto v = numeric_field(f, field);
            if (!v) return false;
            switch (op) {
                case Op::Less: return *v < number;
                case Op::LessEqual: return *v <= number;
                case Op::Greater: return *v > number;
                default: return *v >= number;
            }
        }
    }
}

bool FacilitySelection::matches(const db::Facility& f) const {
    if (!types.empty()) {
        const std::string family = lower(f.family);
        const std::string type = lower(f.type);
        const bool any = std::any_of(types.begin(), types.end(), [&](const std::string& t) {
            const std::string l = lower(t);
            return l == family || l == type;
        });
        if (!any) return false;
    }
    return std::all_of(conditions.begin(), conditions.end(), [&](const auto& c) { return c.matches(f); });
}

std::string FacilitySelection::describe() const {
    std::string out;
    if (!types.empty()) {
        out = "type ";
        for (std::size_t k = 0; k < types.size(); ++k) out += (k ? "|" : "") + types[k];
    }
    for (const auto& c : conditions) out += (out.empty() ? "" : ", ") + c.text;
    return out.empty() ? "all facilities" : out;
}

std::vector<db::Facility> FacilitySelection::apply(const std::vector<db::Facility>& all) const {
    std::vector<db::Facility> out;
    for (const auto& f : all) {
        if (matches(f)) out.push_back(f);
    }
    if (out.empty()) {
        std::set<std::string> families;
        for (const auto& f : all) families.insert(f.family);
        std::string known;
        for (const auto& fam : families) known += (known.empty() ? "" : ", ") + fam;
        throw EmptySelectionError("no facility matches the selection (" + describe() + ") among " +
                                  std::to_string(all.size()) + " facilities; families present: " +
                                  (known.empty() ? "none" : known));
    }
    return out;
}

}  // namespace maillage::geo

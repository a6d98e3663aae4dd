// A CSV source file read through GDAL's CSV driver, as text, with required columns checked.
//
// Contract: read() throws InputError naming the file when it is missing, unreadable, has no
// data row, or lacks one of `required` columns (the message lists the missing ones). Cells are
// kept as text exactly as written (GDAL type detection is off); number() parses one and throws
// InputError naming file, row (1-based data row) and column when it is not a number. Empty
// cells are "missing": number() returns nullopt for them.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace maillage::geo::db {

class CsvTable {
  public:
    [[nodiscard]] static CsvTable read(const std::filesystem::path& path,
                                       const std::vector<std::string>& required);

    [[nodiscard]] std::size_t size() const noexcept { return rows_.size(); }
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
    [[nodiscard]] bool has_column(std::string_view name) const;

    /// The cell as written (trimmed of surrounding spaces); "" when empty.
    [[nodiscard]] const std::string& text(std::size_t row, std::string_view column) const;
    /// The cell as a number; nullopt when empty; InputError when not a number.
    [[nodiscard]] std::optional<double> number(std::size_t row, std::string_view column) const;
    /// Like number() but the cell must not be empty.
    [[nodiscard]] double required_number(std::size_t row, std::string_view column) const;
    [[nodiscard]] std::optional<long long> integer(std::size_t row, std::string_view column) const;

  private:
    [[nodiscard]] std::size_t column_index(std::string_view name) const;
    std::filesystem::path path_;
    std::unordered_map<std::string, std::size_t> columns_;
    std::vector<std::vector<std::string>> rows_;
};

}  // namespace maillage::geo::db

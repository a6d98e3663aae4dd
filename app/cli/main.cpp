// `maillage`: command-line entry point. See command.h for the exit-code contract.
#include <cstdlib>
#include <iostream>

#include "app/cli/command.h"
#include "geo/core/error.h"

namespace maillage::cli {

std::filesystem::path default_database() {
    if (const char* env = std::getenv("MAILLAGE_DB"); env != nullptr && *env != '\0') return env;
    return std::filesystem::path(MAILLAGE_DATA_DIR) / "capso.gpkg";
}

}  // namespace maillage::cli

int main(int argc, char** argv) {
    using namespace maillage::cli;
    CLI::App app{"Maillage: family services and 15-minute access on a French territory (CAPSO)",
                 "maillage"};
    app.set_version_flag("--version", std::string(MAILLAGE_VERSION));
    app.require_subcommand(1);
    register_build_db(app);
    register_info(app);
    register_export(app);
    register_isochrone(app);
    register_coverage(app);
    register_network(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return kExitUsageError;
    } catch (const UsageError& e) {
        std::cerr << "maillage: " << e.what() << "\n";
        return kExitUsageError;
    } catch (const maillage::geo::Error& e) {
        std::cerr << "maillage: error: " << e.what() << "\n";
        return kExitRuntimeError;
    } catch (const std::exception& e) {
        std::cerr << "maillage: unexpected error: " << e.what() << "\n";
        return kExitRuntimeError;
    }
    return kExitOk;
}

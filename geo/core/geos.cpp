#include "geo/core/geos.h"

#include <cstdarg>
#include <cstdio>

#include "geo/core/error.h"

namespace maillage::geo {

namespace {

thread_local std::string t_last_error;

void on_geos_error(const char* fmt, ...) {
    char buffer[1024];
    va_list args;
    va_start(args, fmt);
    std::vsnprintf(buffer, sizeof buffer, fmt, args);
    va_end(args);
    t_last_error = buffer;
}

void on_geos_notice(const char*, ...) {}

struct ThreadContext {
    GEOSContextHandle_t handle = GEOS_init_r();
    ThreadContext() {
        GEOSContext_setErrorHandler_r(handle, on_geos_error);
        GEOSContext_setNoticeHandler_r(handle, on_geos_notice);
    }
    ~ThreadContext() { GEOS_finish_r(handle); }
    ThreadContext(const ThreadContext&) = delete;
    ThreadContext& operator=(const ThreadContext&) = delete;
};

}  // namespace

GEOSContextHandle_t geos_handle() {
    thread_local ThreadContext context;
    return context.handle;
}

const std::string& geos_last_error() { return t_last_error; }

void GeomDeleter::operator()(GEOSGeometry* g) const noexcept {
    if (g != nullptr) GEOSGeom_destroy_r(geos_handle(), g);
}

GeomPtr geos_check(GEOSGeometry* g, const char* what) {
    if (g == nullptr) {
        throw GeometryError(std::string(what) + " failed: " +
                            (t_last_error.empty() ? "unknown GEOS error" : t_last_error));
    }
    return GeomPtr(g);
}

GeomPtr geom_from_wkb(std::span<const unsigned char> wkb) {
    auto h = geos_handle();
    GEOSWKBReader* reader = GEOSWKBReader_create_r(h);
    GEOSGeometry* g = GEOSWKBReader_read_r(h, reader, wkb.data(), wkb.size());
    GEOSWKBReader_destroy_r(h, reader);
    return geos_check(g, "reading WKB");
}

std::vector<unsigned char> geom_to_wkb(const GEOSGeometry& g) {
    auto h = geos_handle();
    GEOSWKBWriter* writer = GEOSWKBWriter_create_r(h);
    GEOSWKBWriter_setByteOrder_r(h, writer, GEOS_WKB_NDR);
    size_t size = 0;
    unsigned char* buffer = GEOSWKBWriter_write_r(h, writer, &g, &size);
    GEOSWKBWriter_destroy_r(h, writer);
    if (buffer == nullptr) throw GeometryError("writing WKB failed: " + t_last_error);
    std::vector<unsigned char> out(buffer, buffer + size);
    GEOSFree_r(h, buffer);
    return out;
}

GeomPtr geom_from_wkt(const std::string& wkt) {
    auto h = geos_handle();
    GEOSWKTReader* reader = GEOSWKTReader_create_r(h);
    GEOSGeometry* g = GEOSWKTReader_read_r(h, reader, wkt.c_str());
    GEOSWKTReader_destroy_r(h, reader);
    return geos_check(g, "reading WKT");
}

std::string geom_to_wkt(const GEOSGeometry& g, int decimals) {
    auto h = geos_handle();
    GEOSWKTWriter* writer = GEOSWKTWriter_create_r(h);
    GEOSWKTWriter_setRoundingPrecision_r(h, writer, decimals);
    GEOSWKTWriter_setTrim_r(h, writer, 1);
    char* text = GEOSWKTWriter_write_r(h, writer, &g);
    GEOSWKTWriter_destroy_r(h, writer);
    if (text == nullptr) throw GeometryError("writing WKT failed: " + t_last_error);
    std::string out(text);
    GEOSFree_r(h, text);
    return out;
}

std::string invalidity_reason(const GEOSGeometry& g) {
    auto h = geos_handle();
    if (GEOSisValid_r(h, &g) == 1) return {};
    char* reason = GEOSisValidReason_r(h, &g);
    std::string out = reason != nullptr ? reason : "invalid geometry";
    if (reason != nullptr) GEOSFree_r(h, reason);
    return out;
}

GeomPtr geom_clone(const GEOSGeometry& g) {
    return geos_check(GEOSGeom_clone_r(geos_handle(), &g), "cloning a geometry");
}

GeomPtr union_all(std::vector<GeomPtr> parts) {
    auto h = geos_handle();
    std::vector<GEOSGeometry*> raw;
    raw.reserve(parts.size());
    for (auto& p : parts) raw.push_back(p.release());
    GeomPtr collection = geos_check(
        GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, raw.data(),
                                    static_cast<unsigned>(raw.size())),
        "building a collection");
    return geos_check(GEOSUnaryUnion_r(h, collection.get()), "union");
}

}  // namespace maillage::geo

// SVG to PNG and PDF: librsvg parses and draws, cairo encodes. Every handle is owned.

#include "render/timeline/svg_raster.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>

#include <memory>

#include "render/image_check.hpp"

namespace eventgraph::detail {
namespace {

struct gobject_deleter {
  void operator()(RsvgHandle* h) const { g_object_unref(h); }
};
struct surface_deleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct cairo_deleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct error_deleter {
  void operator()(GError* e) const { g_error_free(e); }
};
using handle_ptr = std::unique_ptr<RsvgHandle, gobject_deleter>;
using surface_ptr = std::unique_ptr<cairo_surface_t, surface_deleter>;
using cairo_ptr = std::unique_ptr<cairo_t, cairo_deleter>;

diagnostic_list failure(std::string message) {
  diagnostic_list d;
  d.error({}, "render", std::move(message));
  return d;
}

std::string cairo_text(cairo_status_t status) {
  return std::string("cairo: ") + cairo_status_to_string(status);
}

/// The bytes, unless cairo failed along the way or what it wrote is not a whole image.
result<std::string> checked(std::string bytes, cairo_status_t status, image_format f) {
  if (status != CAIRO_STATUS_SUCCESS) return failure(cairo_text(status));
  if (auto problem = image_problem(bytes, f)) return failure(*problem);
  return bytes;
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct parsed {
  handle_ptr handle;
  double width = 0, height = 0;
};

result<parsed> parse(std::string_view svg) {
  GError* raw = nullptr;
  handle_ptr h(rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(svg.data()),
                                         static_cast<gsize>(svg.size()), &raw));
  std::unique_ptr<GError, error_deleter> error(raw);
  if (!h) {
    return failure(std::string("librsvg could not read the drawing: ") +
                   (error ? error->message : "unknown error"));
  }
  parsed p{std::move(h)};
  gdouble w = 0, hgt = 0;
  if (!rsvg_handle_get_intrinsic_size_in_pixels(p.handle.get(), &w, &hgt) || w <= 0 || hgt <= 0)
    return failure("the drawing has no size in pixels");
  // cairo surfaces are limited to 32767 pixels a side.
  if (w > 32767 || hgt > 32767)
    return failure(
        "the drawing is too large for an image (over 32767 pixels a side); "
        "write SVG, or select part of the story (--from, --to, --actor, --around...)");
  p.width = w;
  p.height = hgt;
  return p;
}

result<bool> draw(RsvgHandle* h, cairo_t* cr, double width, double height) {
  RsvgRectangle viewport{0, 0, width, height};
  GError* raw = nullptr;
  const gboolean ok = rsvg_handle_render_document(h, cr, &viewport, &raw);
  std::unique_ptr<GError, error_deleter> error(raw);
  if (!ok)
    return failure(std::string("librsvg could not draw: ") +
                   (error ? error->message : "unknown error"));
  if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) return failure(cairo_text(cairo_status(cr)));
  return true;
}

}  // namespace

result<std::string> svg_to_png(std::string_view svg, double scale) {
  auto p = parse(svg);
  if (!p) return p.diagnostics();
  const double w = p.value().width * scale, h = p.value().height * scale;
  if (w > 32767 || h > 32767)
    return failure("the drawing is too large for a PNG at this scale; write SVG or PDF");
  surface_ptr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, static_cast<int>(w + 0.5),
                                                 static_cast<int>(h + 0.5)));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    return failure(cairo_text(cairo_surface_status(surface.get())));
  {
    cairo_ptr cr(cairo_create(surface.get()));
    cairo_scale(cr.get(), scale, scale);
    auto drawn = draw(p.value().handle.get(), cr.get(), p.value().width, p.value().height);
    if (!drawn) return drawn.diagnostics();
  }
  cairo_surface_flush(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    return failure(cairo_text(cairo_surface_status(surface.get())));
  std::string out;
  const cairo_status_t written = cairo_surface_write_to_png_stream(surface.get(), append, &out);
  return checked(std::move(out), written, image_format::png);
}

result<std::string> svg_to_pdf(std::string_view svg) {
  auto p = parse(svg);
  if (!p) return p.diagnostics();
  std::string out;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  {
    const double pt = 72.0 / 96.0;
    surface_ptr surface(cairo_pdf_surface_create_for_stream(append, &out, p.value().width * pt,
                                                            p.value().height * pt));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
      return failure(cairo_text(cairo_surface_status(surface.get())));
    // Deterministic output: a fixed creation date instead of the clock's.
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE,
                                   "2000-01-01T00:00:00Z");
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "eventgraph");
    {
      cairo_ptr cr(cairo_create(surface.get()));
      cairo_scale(cr.get(), pt, pt);
      auto drawn = draw(p.value().handle.get(), cr.get(), p.value().width, p.value().height);
      if (!drawn) return drawn.diagnostics();
    }
    cairo_surface_finish(surface.get());
    status = cairo_surface_status(surface.get());
  }
  return checked(std::move(out), status, image_format::pdf);
}

}  // namespace eventgraph::detail

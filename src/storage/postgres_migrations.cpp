#include <array>

#include "storage/migrations.h"

namespace wic::storage {
namespace {

// The same tables and constraints as the SQLite schema, in PostgreSQL's
// dialect. Times are BIGINT milliseconds since the Unix epoch, UTC.
constexpr std::string_view kInitialSchema = R"sql(
CREATE TABLE products (
  gtin         TEXT PRIMARY KEY CHECK (gtin ~ '^[0-9]{14}$'),
  brand        TEXT NOT NULL,
  description  TEXT NOT NULL,
  category     TEXT NOT NULL,
  subcategory  TEXT NOT NULL,
  size         TEXT NOT NULL,
  unit         TEXT NOT NULL,
  is_formula   BOOLEAN NOT NULL
);
CREATE INDEX products_formula ON products (is_formula);
CREATE INDEX products_category ON products (category);

CREATE TABLE product_approvals (
  gtin   TEXT NOT NULL REFERENCES products (gtin) ON DELETE CASCADE,
  state  TEXT NOT NULL CHECK (length(state) = 2),
  PRIMARY KEY (gtin, state)
);

CREATE TABLE produce_codes (
  code         TEXT NOT NULL CHECK (length(code) BETWEEN 4 AND 6),
  state        TEXT NOT NULL CHECK (length(state) = 2),
  kind         TEXT NOT NULL CHECK (kind IN ('plu', 'retailer-assigned')),
  brand        TEXT NOT NULL,
  description  TEXT NOT NULL,
  category     TEXT NOT NULL,
  subcategory  TEXT NOT NULL,
  PRIMARY KEY (code, state, description)
);

CREATE TABLE stores (
  id         TEXT PRIMARY KEY,
  retailer   TEXT NOT NULL CHECK (retailer IN ('walmart', 'kroger')),
  local_id   TEXT NOT NULL,
  name       TEXT NOT NULL,
  address    TEXT NOT NULL,
  city       TEXT NOT NULL,
  state      TEXT NOT NULL,
  zip        TEXT NOT NULL CHECK (length(zip) = 5),
  latitude   DOUBLE PRECISION NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  longitude  DOUBLE PRECISION NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  CHECK (id = retailer || '-' || local_id)
);
CREATE INDEX stores_retailer ON stores (retailer);

CREATE TABLE inventory (
  store_id        TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
  gtin            TEXT NOT NULL REFERENCES products (gtin) ON DELETE CASCADE,
  status          TEXT NOT NULL CHECK (status IN ('in_stock', 'low_stock', 'out_of_stock', 'unknown')),
  quantity        INTEGER CHECK (quantity IS NULL OR quantity >= 0),
  quantity_range  TEXT CHECK (quantity_range IS NULL OR quantity_range IN ('few', 'some', 'plenty')),
  aisle           TEXT,
  last_updated    BIGINT NOT NULL,
  source          TEXT NOT NULL CHECK (source IN ('api', 'crowdsourced', 'manual')),
  confidence      INTEGER NOT NULL CHECK (confidence BETWEEN 0 AND 100),
  report_count    INTEGER NOT NULL DEFAULT 0 CHECK (report_count >= 0),
  PRIMARY KEY (store_id, gtin)
);
CREATE INDEX inventory_gtin ON inventory (gtin);
CREATE INDEX inventory_last_updated ON inventory (last_updated);

CREATE TABLE inventory_reports (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  store_id        TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
  gtin            TEXT NOT NULL REFERENCES products (gtin) ON DELETE CASCADE,
  status          TEXT NOT NULL CHECK (status IN ('in_stock', 'low_stock', 'out_of_stock', 'unknown')),
  quantity_range  TEXT CHECK (quantity_range IS NULL OR quantity_range IN ('few', 'some', 'plenty')),
  aisle           TEXT,
  user_id         TEXT,
  client_key      TEXT NOT NULL,
  reported_at     BIGINT NOT NULL
);
CREATE INDEX inventory_reports_item ON inventory_reports (store_id, gtin, reported_at);
CREATE INDEX inventory_reports_time ON inventory_reports (reported_at);

CREATE TABLE sync_jobs (
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  retailer       TEXT NOT NULL CHECK (retailer IN ('walmart', 'kroger')),
  store_ids      TEXT NOT NULL,
  product_scope  TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed')),
  started_at     BIGINT,
  finished_at    BIGINT,
  processed      BIGINT NOT NULL DEFAULT 0 CHECK (processed >= 0),
  succeeded      BIGINT NOT NULL DEFAULT 0 CHECK (succeeded >= 0),
  failed         BIGINT NOT NULL DEFAULT 0 CHECK (failed >= 0),
  requests       BIGINT NOT NULL DEFAULT 0 CHECK (requests >= 0),
  error          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sync_jobs_status ON sync_jobs (status);

CREATE TABLE retailer_items (
  retailer  TEXT NOT NULL CHECK (retailer IN ('walmart', 'kroger')),
  gtin      TEXT NOT NULL CHECK (length(gtin) = 14),
  item_id   TEXT NOT NULL,
  PRIMARY KEY (retailer, gtin)
);

CREATE TABLE quota_usage (
  quota_key     TEXT NOT NULL,
  window_start  BIGINT NOT NULL,
  spent         BIGINT NOT NULL CHECK (spent >= 0),
  PRIMARY KEY (quota_key, window_start)
);
)sql";

constexpr std::string_view kLeases = R"sql(
CREATE TABLE leases (
  name        TEXT PRIMARY KEY,
  holder      TEXT NOT NULL,
  expires_at  BIGINT NOT NULL
);
)sql";

// A running job's record is written every few seconds. A process that
// starts fails only the jobs whose record went quiet, so workers sharing
// the database leave each other's jobs alone.
constexpr std::string_view kJobUpdatedAt = R"sql(
ALTER TABLE sync_jobs ADD COLUMN updated_at BIGINT;
)sql";

constexpr std::array kMigrations{
    Migration{1, "products, stores, inventory, reports, sync jobs, retailer items, quota usage", kInitialSchema},
    Migration{2, "leases for electing one scheduler", kLeases},
    Migration{3, "last write time of a sync job's record", kJobUpdatedAt},
};

}  // namespace

std::span<const Migration> postgres_migrations() { return kMigrations; }

}  // namespace wic::storage

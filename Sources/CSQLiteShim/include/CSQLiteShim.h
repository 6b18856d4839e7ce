// What Swift cannot call in SQLite: sqlite3_db_config is variadic.
#ifndef MEDLAKE_CSQLITE_SHIM_H
#define MEDLAKE_CSQLITE_SHIM_H
#include <sqlite3.h>

/// Stops the connection from checkpointing (and deleting the WAL) when it is the last one to close
/// (SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE). Returns an SQLite result code.
int medlake_sqlite_keep_wal_on_close(sqlite3 *db);
#endif

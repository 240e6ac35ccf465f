// wal_batch: the VFS (how a WAL file's writes are gathered), see wal_batch.hpp for why.
#include "store/wal_batch.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <mutex>

namespace classbook::store {
namespace {

// A commit bigger than this (a roster import, a term's lessons made at once) is written in
// pieces of about this size: the memory held stays small whatever the transaction.
constexpr sqlite3_int64 flush_at = 1 << 20;

// The file SQLite sees for a WAL file: our methods first, the default VFS's file right after.
struct BatchFile {
  sqlite3_file base;
  sqlite3_file* real;
  char* pending;              // frames written but not yet handed to the kernel
  sqlite3_int64 pending_len;  // bytes in `pending`
  sqlite3_int64 pending_cap;
  sqlite3_int64 pending_at;   // the file offset of pending[0]
};
static_assert(sizeof(BatchFile) % alignof(std::max_align_t) == 0, "the default VFS's file follows, aligned");

BatchFile* batch(sqlite3_file* f) { return reinterpret_cast<BatchFile*>(f); }
const sqlite3_io_methods& real_io(BatchFile* b) { return *b->real->pMethods; }

// The unix VFS writes at most 128 KiB - 1 bytes per call (it masks the size with 0x1ffff, so a
// write of exactly 128 KiB would write nothing and report a full disk): pieces stay below that.
constexpr sqlite3_int64 piece = 124 * 1024;

int flush(BatchFile* b) {
  const sqlite3_int64 n = b->pending_len;
  b->pending_len = 0;
  // The default VFS writes all of a piece or says why; a failure fails the sync or read that
  // asked, and SQLite then treats the commit as not done.
  for (sqlite3_int64 done = 0; done < n; done += piece) {
    const auto size = static_cast<int>(std::min(piece, n - done));
    if (const int rc = real_io(b).xWrite(b->real, b->pending + done, size, b->pending_at + done); rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

int x_close(sqlite3_file* f) {
  auto* b = batch(f);
  const int rc = flush(b);
  sqlite3_free(b->pending);
  b->pending = nullptr;
  b->pending_cap = 0;
  const int rc2 = real_io(b).xClose(b->real);
  return rc != SQLITE_OK ? rc : rc2;
}

int x_read(sqlite3_file* f, void* data, int amount, sqlite3_int64 offset) {
  auto* b = batch(f);
  if (const int rc = flush(b); rc != SQLITE_OK) return rc;
  return real_io(b).xRead(b->real, data, amount, offset);
}

int x_write(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset) {
  auto* b = batch(f);
  if (b->pending_len > 0 && offset != b->pending_at + b->pending_len)
    if (const int rc = flush(b); rc != SQLITE_OK) return rc;  // not the next bytes: keep the order
  if (b->pending_len == 0) b->pending_at = offset;
  const sqlite3_int64 need = b->pending_len + amount;
  if (need > b->pending_cap) {
    sqlite3_int64 cap = b->pending_cap > 0 ? b->pending_cap : 64 * 1024;
    while (cap < need) cap *= 2;
    auto* grown = static_cast<char*>(sqlite3_realloc64(b->pending, static_cast<sqlite3_uint64>(cap)));
    if (!grown) {  // no memory for the batch: write through, as the default VFS would
      if (const int rc = flush(b); rc != SQLITE_OK) return rc;
      return real_io(b).xWrite(b->real, data, amount, offset);
    }
    b->pending = grown;
    b->pending_cap = cap;
  }
  std::memcpy(b->pending + b->pending_len, data, static_cast<std::size_t>(amount));
  b->pending_len = need;
  return b->pending_len >= flush_at ? flush(b) : SQLITE_OK;
}

int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
  auto* b = batch(f);
  if (const int rc = flush(b); rc != SQLITE_OK) return rc;
  return real_io(b).xTruncate(b->real, size);
}

int x_sync(sqlite3_file* f, int flags) {
  auto* b = batch(f);
  if (const int rc = flush(b); rc != SQLITE_OK) return rc;
  return real_io(b).xSync(b->real, flags);
}

int x_file_size(sqlite3_file* f, sqlite3_int64* size) {
  auto* b = batch(f);
  if (const int rc = flush(b); rc != SQLITE_OK) return rc;
  return real_io(b).xFileSize(b->real, size);
}

int x_lock(sqlite3_file* f, int level) { return real_io(batch(f)).xLock(batch(f)->real, level); }
int x_unlock(sqlite3_file* f, int level) { return real_io(batch(f)).xUnlock(batch(f)->real, level); }
int x_check_reserved(sqlite3_file* f, int* out) { return real_io(batch(f)).xCheckReservedLock(batch(f)->real, out); }
int x_file_control(sqlite3_file* f, int op, void* arg) { return real_io(batch(f)).xFileControl(batch(f)->real, op, arg); }
int x_sector_size(sqlite3_file* f) { return real_io(batch(f)).xSectorSize(batch(f)->real); }
int x_device(sqlite3_file* f) { return real_io(batch(f)).xDeviceCharacteristics(batch(f)->real); }
int x_shm_map(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
  return real_io(batch(f)).xShmMap(batch(f)->real, region, size, extend, out);
}
int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) { return real_io(batch(f)).xShmLock(batch(f)->real, offset, n, flags); }
void x_shm_barrier(sqlite3_file* f) { real_io(batch(f)).xShmBarrier(batch(f)->real); }
int x_shm_unmap(sqlite3_file* f, int del) { return real_io(batch(f)).xShmUnmap(batch(f)->real, del); }
int x_fetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
  auto* b = batch(f);
  if (const int rc = flush(b); rc != SQLITE_OK) return rc;
  return real_io(b).xFetch(b->real, offset, amount, out);
}
int x_unfetch(sqlite3_file* f, sqlite3_int64 offset, void* p) { return real_io(batch(f)).xUnfetch(batch(f)->real, offset, p); }

const sqlite3_io_methods batch_io = {
    3,          x_close,       x_read,    x_write,    x_truncate,     x_sync,      x_file_size, x_lock,
    x_unlock,   x_check_reserved, x_file_control, x_sector_size, x_device, x_shm_map, x_shm_lock,
    x_shm_barrier, x_shm_unmap, x_fetch,  x_unfetch,
};

sqlite3_vfs* real_vfs(sqlite3_vfs* v) { return static_cast<sqlite3_vfs*>(v->pAppData); }

int v_open(sqlite3_vfs* v, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  auto* real = real_vfs(v);
  // Everything but a WAL file is the default VFS's own file, in the same memory.
  if ((flags & SQLITE_OPEN_WAL) == 0) return real->xOpen(real, name, f, flags, out_flags);
  auto* b = batch(f);
  std::memset(b, 0, sizeof(BatchFile));
  b->real = reinterpret_cast<sqlite3_file*>(b + 1);
  const int rc = real->xOpen(real, name, b->real, flags, out_flags);
  if (rc != SQLITE_OK || b->real->pMethods == nullptr || b->real->pMethods->iVersion < 3) {
    if (b->real->pMethods) b->real->pMethods->xClose(b->real);
    b->base.pMethods = nullptr;
    return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
  }
  b->base.pMethods = &batch_io;
  return SQLITE_OK;
}
int v_delete(sqlite3_vfs* v, const char* name, int sync_dir) { return real_vfs(v)->xDelete(real_vfs(v), name, sync_dir); }
int v_access(sqlite3_vfs* v, const char* name, int flags, int* out) { return real_vfs(v)->xAccess(real_vfs(v), name, flags, out); }
int v_full_pathname(sqlite3_vfs* v, const char* name, int n, char* out) {
  return real_vfs(v)->xFullPathname(real_vfs(v), name, n, out);
}
void* v_dl_open(sqlite3_vfs* v, const char* name) { return real_vfs(v)->xDlOpen(real_vfs(v), name); }
void v_dl_error(sqlite3_vfs* v, int n, char* out) { real_vfs(v)->xDlError(real_vfs(v), n, out); }
void (*v_dl_sym(sqlite3_vfs* v, void* h, const char* sym))(void) { return real_vfs(v)->xDlSym(real_vfs(v), h, sym); }
void v_dl_close(sqlite3_vfs* v, void* h) { real_vfs(v)->xDlClose(real_vfs(v), h); }
int v_randomness(sqlite3_vfs* v, int n, char* out) { return real_vfs(v)->xRandomness(real_vfs(v), n, out); }
int v_sleep(sqlite3_vfs* v, int us) { return real_vfs(v)->xSleep(real_vfs(v), us); }
int v_current_time(sqlite3_vfs* v, double* out) { return real_vfs(v)->xCurrentTime(real_vfs(v), out); }
int v_last_error(sqlite3_vfs* v, int n, char* out) { return real_vfs(v)->xGetLastError(real_vfs(v), n, out); }
int v_current_time64(sqlite3_vfs* v, sqlite3_int64* out) { return real_vfs(v)->xCurrentTimeInt64(real_vfs(v), out); }

}  // namespace

const char* wal_batch_vfs() {
  static sqlite3_vfs vfs{};
  static const char* name = nullptr;
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
    if (!real || real->iVersion < 2) return;
    vfs.iVersion = 2;
    vfs.szOsFile = static_cast<int>(sizeof(BatchFile)) + real->szOsFile;
    vfs.mxPathname = real->mxPathname;
    vfs.zName = "classbook-wal-batch";
    vfs.pAppData = real;
    vfs.xOpen = v_open;
    vfs.xDelete = v_delete;
    vfs.xAccess = v_access;
    vfs.xFullPathname = v_full_pathname;
    vfs.xDlOpen = v_dl_open;
    vfs.xDlError = v_dl_error;
    vfs.xDlSym = v_dl_sym;
    vfs.xDlClose = v_dl_close;
    vfs.xRandomness = v_randomness;
    vfs.xSleep = v_sleep;
    vfs.xCurrentTime = v_current_time;
    vfs.xGetLastError = v_last_error;
    vfs.xCurrentTimeInt64 = v_current_time64;
    if (sqlite3_vfs_register(&vfs, 0) == SQLITE_OK) name = vfs.zName;
  });
  return name;
}

}  // namespace classbook::store

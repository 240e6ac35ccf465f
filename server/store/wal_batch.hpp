// wal_batch: a SQLite VFS over the default one that hands a commit's WAL frames to the kernel in
// one write.
//
// SQLite writes each WAL frame as two pwrite calls — its 24-byte header, then the page — so a
// commit of a batch of taps (a dozen pages: the tap, the attendance row, the audit and outbox rows
// and their indexes) costs two dozen syscalls before its fsync, and on the virtual machines schools
// run the box on a syscall is much of what a tap costs. This VFS keeps the frames of the WAL file
// in memory while they are written one after another, and writes them as one piece when SQLite
// syncs the file, reads it, asks its size, truncates or closes it, or writes elsewhere in it.
//
// Why it is safe, and only for a connection with synchronous=FULL (the writer checks): at FULL,
// SQLite syncs the WAL at every commit before it publishes the new frames in the wal-index, so
// every frame another connection or process may read is on disk first, as without this VFS; a
// crash loses only what was not yet synced, which SQLite's frame checksums already tell apart.
// Every other file (the database, its shared memory) is the default VFS's own, untouched.
#pragma once

namespace classbook::store {

// The VFS's name for sqlite3_open_v2, registered (not as the default) on the first call; nullptr
// if SQLite has no default VFS to build on.
const char* wal_batch_vfs();

}  // namespace classbook::store

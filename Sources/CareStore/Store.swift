import CareCore
import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix

/// Where the data lives: an SQLite file (the embedded default) or PostgreSQL (production).
public enum StoreLocation: Sendable, Equatable {
  case sqlite(path: String)
  case postgres(url: String)

  public var engineName: String {
    switch self {
    case .sqlite: "sqlite"
    case .postgres: "postgres"
    }
  }
}

/// Owns the database connections and hands out repositories. Fluent rows never leave this target.
public final class Store: Sendable {
  public let location: StoreLocation
  let databases: Databases
  let logger: Logger
  /// SQLite gets one connection on one event loop, so there is one writer at a time and never
  /// "database is locked"; PostgreSQL uses a pool on every loop.
  let pinnedLoop: (any EventLoop)?
  let group: any EventLoopGroup
  /// SQLite's writer (its blocking calls and each commit's fsync) runs on this store's own thread, not the
  /// process-wide pool: bcrypt and other stores cannot starve its one connection of a thread.
  let blockingPool: NIOThreadPool
  /// Who-looked rows of views, committed in groups (see `ViewLog`).
  let viewLog: ViewLog
  /// SQLite's read-only connections, on threads of their own: the writer's statements never wait
  /// behind reads for a thread (nil on PostgreSQL, whose pool does not block threads).
  let readers: (databases: Databases, pool: NIOThreadPool)?
  /// Sessions, requesters and teams kept between writes (SQLite only; see `ReadCache`).
  let readCache: ReadCache?
  /// Writers to one book or one co-op's invoices or pay, in line one at a time (see `KeyedGate`).
  let gate = KeyedGate()

  /// `poolWait`: how long a request waits in line for a connection before it fails.
  public init(
    _ location: StoreLocation, logger: Logger,
    group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, poolWait: TimeAmount = .seconds(60)
  ) throws {
    self.location = location
    self.logger = logger
    self.group = group
    // SQLite's one writer needs one thread; PostgreSQL's driver blocks none.
    blockingPool = NIOThreadPool(numberOfThreads: 1)
    blockingPool.start()
    let databases = Databases(threadPool: blockingPool, on: group)
    self.databases = databases
    switch location {
    case .sqlite(let path):
      // Every request waits in line for the one connection; a burst of writes (each a durable commit) must
      // queue rather than fail after the pool's default 10 s, so the line may be long (a minute unless told).
      databases.use(
        .sqlite(.file(path), connectionPoolTimeout: poolWait, sqlLogLevel: .trace), as: .sqlite, isDefault: true)
      // Readers beside the writer: one connection on each event loop. WAL lets them read the last commit
      // while the writer works, so a page never queues behind another request's fsync.
      // They are opened read-only: a write sent to one by mistake fails at once ("attempt to write a
      // readonly database") instead of racing the writer for the file's lock.
      let readerPool = NIOThreadPool(numberOfThreads: 2)
      readerPool.start()
      let readerDatabases = Databases(threadPool: readerPool, on: group)
      readerDatabases.use(
        .sqlite(.file(Self.readOnlyURI(path)), connectionPoolTimeout: poolWait, sqlLogLevel: .trace),
        as: .sqliteReaders, isDefault: true)
      readers = (readerDatabases, readerPool)
      pinnedLoop = group.next()
      readCache = ReadCache()
    case .postgres(let url):
      // A burst (sign-ins, a rota run beside a busy week) queues for a connection rather than failing after
      // the pool's default 10 s with a 500: as for SQLite, the line may be long.
      databases.use(
        .postgres(
          configuration: try SQLPostgresConfiguration(url: url), maxConnectionsPerEventLoop: 4,
          connectionPoolTimeout: poolWait, sqlLogLevel: .trace),
        as: .psql)
      pinnedLoop = nil
      readers = nil
      readCache = nil
    }
    let pinned = pinnedLoop
    let logger = logger
    viewLog = ViewLog { [group] events in
      let writer = databases.database(logger: logger, on: pinned ?? group.any())!
      try await Store.namingConstraints {
        try await writer.transaction { db in try await Store.insertAuditEvents(events, on: db) }
      }
    }
  }

  /// An SQLite URI that opens `path` read-only (SQLiteNIO opens files with `SQLITE_OPEN_URI`).
  static func readOnlyURI(_ path: String) -> String {
    var allowed = CharacterSet.urlPathAllowed
    allowed.remove(charactersIn: "?#%")
    let escaped = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    return "file:\(escaped)?mode=ro"
  }

  /// A database handle for reading. On SQLite, a reader connection of this event loop (never the writer);
  /// on PostgreSQL, the pool.
  var db: any Database {
    switch location {
    case .sqlite: readers!.databases.database(.sqliteReaders, logger: logger, on: group.any())!
    case .postgres: databases.database(logger: logger, on: group.any())!
    }
  }

  /// The handle writes go through: SQLite's one writer connection (one writer at a time, never "database
  /// is locked"), or PostgreSQL's pool.
  var writer: any Database {
    databases.database(logger: logger, on: pinnedLoop ?? group.any())!
  }

  /// Runs `body` in one transaction: all of it is written, or none of it.
  func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws
    -> T
  {
    let commit = { try await Self.namingConstraints { try await self.writer.transaction(body) } }
    guard let readCache else { return try await commit() }
    return try await readCache.duringWrite(commit)
  }

  /// `load`, or what it gave last time if nothing has been written since (SQLite; see `ReadCache`).
  func cached<T: Sendable>(_ key: ReadCache.Key, _ load: @escaping @Sendable () async throws -> T?) async throws -> T? {
    guard let readCache else { return try await load() }
    return try await readCache.value(key, load: load)
  }

  /// Runs `body`, turning a broken constraint into `StoreError.constraint` with the constraint's name.
  static func namingConstraints<T>(_ body: () async throws -> T) async throws -> T {
    do {
      return try await body()
    } catch let error as any DatabaseError where error.isConstraintFailure {
      throw StoreError.constraint(ConstraintName.of(error) ?? String(describing: error))
    }
  }

  /// Checks the engine's settings (SQLite: WAL, synchronous FULL, foreign keys) and stops if wrong.
  public func checkSettings() async throws -> [String: String] {
    let found = try await Dialect(writer).prepareSQLiteConnection()
    guard case .sqlite = location else { return found }
    let expected = ["journal_mode": "wal", "synchronous": "2", "foreign_keys": "1"]
    for (key, value) in expected where found[key]?.lowercased() != value {
      throw StoreError.badSetting("\(key) is \(found[key] ?? "unset"), expected \(value)")
    }
    return found
  }

  public func migrate() async throws {
    let migrator = makeMigrator()
    try await migrator.setupIfNeeded().get()
    try await migrator.prepareBatch().get()
  }

  /// Undoes every migration, newest first: proves each has a working revert.
  public func revertAll() async throws {
    try await makeMigrator().revertAllBatches().get()
  }

  public func shutdown() async {
    if let readers {
      await readers.databases.shutdownAsync()
      try? await readers.pool.shutdownGracefully()
    }
    await databases.shutdownAsync()
    try? await blockingPool.shutdownGracefully()
  }

  private func makeMigrator() -> Migrator {
    let migrations = Migrations()
    migrations.add(CareMigrations.all)
    return Migrator(
      databases: databases, migrations: migrations, logger: logger,
      on: pinnedLoop ?? group.any())
  }
}

public enum StoreError: Error, Equatable, CustomStringConvertible {
  case constraint(String)
  case badSetting(String)
  /// A stored value this code cannot read (a column and what it held): an error, never a guess.
  case unreadable(String, String)

  public var description: String {
    switch self {
    case .constraint(let detail): "A database constraint refused the change: \(detail)"
    case .badSetting(let detail): "The database is not set up safely: \(detail)"
    case .unreadable(let column, let value): "\(column) holds \(value.debugDescription), which this version cannot read"
    }
  }

  static func known<T>(_ parsed: T?, _ column: String, _ stored: String) throws -> T {
    guard let parsed else { throw StoreError.unreadable(column, stored) }
    return parsed
  }
}

extension DatabaseID {
  /// SQLite's read connections (the default, `.sqlite`, is the one writer).
  static let sqliteReaders = DatabaseID(string: "sqlite-readers")
}

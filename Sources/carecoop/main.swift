import CareWeb
import Foundation
import NIOCore
import NIOPosix
import Vapor

// Swift concurrency runs on NIO's event loops instead of a pool of its own, so an async handler does not
// hop to another thread and back for every request (Vapor's template offers the same; nothing here
// blocks a thread with `.wait()`). Done first, before anything else is awaited.
_ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()

// A bad flag or setting ends the program with one clear line and exit status 1, never a crash.
do {
  var env = try Environment.detect()
  try LoggingSystem.bootstrap(from: &env)
  let app = try await Application.make(env)
  do {
    try await configure(app)
    try await app.execute()
  } catch {
    try? await app.asyncShutdown()
    throw error
  }
  try await app.asyncShutdown()
} catch {
  FileHandle.standardError.write(Data("carecoop: \(startupFailure(error))\n".utf8))
  exit(1)
}

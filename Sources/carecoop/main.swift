import CareWeb
import Foundation
import Vapor

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

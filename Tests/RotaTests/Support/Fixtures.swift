import Foundation

/// The benchmark instances the tests read, kept inside the repository (`Tests/RotaTests/Fixtures/`, with
/// their sources and terms in its README) so a fresh clone passes with nothing beside it.
enum Fixtures {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures").standardized

  /// The path of a fixture folder, e.g. `folder("solomon")`.
  static func folder(_ name: String) -> String { root.appendingPathComponent(name).path }
}

import Foundation

/// A path parameter, the SwiftPackageIndex way: `.key` where a route is registered (it becomes `:name`),
/// `.value` where a page links. One `SiteURL` case serves both, so a link and its route cannot drift apart.
enum Parameter<Value: Hashable & Sendable & CustomStringConvertible>: Hashable, Sendable {
  case key
  case value(Value)
}

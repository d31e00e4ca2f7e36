// swift-tools-version: 5.9
// The core's bridge: the Rust library as an XCFramework (built by scripts/build-ios.sh, its
// headers and module map inside) and the uniffi Swift bindings over it.
import PackageDescription

let package = Package(
    name: "FabriqueCore",
    platforms: [.iOS(.v17)],
    products: [
        .library(name: "FabriqueCore", targets: ["FabriqueFFI"])
    ],
    targets: [
        .binaryTarget(name: "FabriqueCoreRust", path: "FabriqueCoreRust.xcframework"),
        .target(name: "FabriqueFFI", dependencies: ["FabriqueCoreRust"], path: "Sources/FabriqueFFI"),
    ]
)

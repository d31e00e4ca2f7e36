// The Android app: `app` (Compose screens, Android effect handlers) over `core` (the Rust
// core's bridge: the Core loop, its desktop-testable effect handlers, the generated bindings).
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "Fabrique"
include(":core", ":app")

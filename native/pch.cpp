// The translation unit that carries the engine's precompiled header (native/CMakeLists.txt): every layer reuses it.

# Builds the Windows installers on Windows:
#   dist\Corroborate_<version>_x64-setup.exe (NSIS) and dist\Corroborate_<version>_x64_en-US.msi (WiX)
# from [package.metadata.packager] in Cargo.toml, with cargo-packager installed from crates.io when
# missing (it fetches NSIS and the WiX toolset itself on first use).
#
#   powershell -ExecutionPolicy Bypass -File scripts\package-windows.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
if (-not (Get-Command cargo-packager -ErrorAction SilentlyContinue)) {
    cargo install cargo-packager --locked --version "=0.11.8"
    if ($LASTEXITCODE -ne 0) { throw "cargo-packager could not be installed" }
}
cargo packager --release --formats nsis,wix
if ($LASTEXITCODE -ne 0) { throw "cargo packager failed" }
New-Item -ItemType Directory -Force dist | Out-Null
Copy-Item target\release\*-setup.exe, target\release\*.msi dist\
Get-ChildItem dist

; The Windows installer of Portal Desk, built by `cargo xtask bundle` with
; makensis (NSIS). It installs for the current user only, without asking for
; administrator rights: the app, pdesk, WebView2Loader.dll and the icon go to
; %LOCALAPPDATA%\Programs\Portal Desk, with a Start-menu entry and an entry
; in "Installed apps" (HKCU). Installing over an older version replaces the
; program files only. Uninstalling removes what was installed and leaves the
; user's data (accounts, library, settings; the keyring entries are the
; Credential Manager's) unless /PURGE is given.
;
; Defined by the caller (makensis -D...): VERSION, APP_EXE, PDESK_EXE,
; WEBVIEW2_LOADER, ICON, OUTFILE; QUICK for a quickly compressed one (CI).

Unicode true
; A 64-bit installer, like the app it carries.
Target amd64-unicode
!ifdef QUICK
  SetCompressor zlib
!else
  SetCompressor /SOLID lzma
!endif
RequestExecutionLevel user
ManifestDPIAware true

!define PRODUCT "Portal Desk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\PortalDesk"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
Icon "${ICON}"
UninstallIcon "${ICON}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${PRODUCT}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${PRODUCT} installer"
VIAddVersionKey "LegalCopyright" "MIT OR Apache-2.0"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_FINISHPAGE_RUN "$INSTDIR\portal-desk.exe"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "Portal Desk"
  SetOutPath "$INSTDIR"
  File "/oname=portal-desk.exe" "${APP_EXE}"
  File "/oname=pdesk.exe" "${PDESK_EXE}"
  File "/oname=WebView2Loader.dll" "${WEBVIEW2_LOADER}"
  File "/oname=portal-desk.ico" "${ICON}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\portal-desk.exe" "" "$INSTDIR\portal-desk.ico"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Portal Desk"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\portal-desk.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\portal-desk.exe"
  Delete "$INSTDIR\pdesk.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\portal-desk.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  ; The user's data stays unless asked: uninstall.exe /S /PURGE
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/PURGE" $1
  IfErrors keep_data
    ; Portal Desk's own folders (accounts, library, settings; cache) and
    ; the webview's.
    RMDir /r "$APPDATA\Portal Desk"
    RMDir /r "$LOCALAPPDATA\Portal Desk"
    RMDir /r "$LOCALAPPDATA\app.portaldesk.desktop"
  keep_data:
SectionEnd

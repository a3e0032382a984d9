; KhuyenCong installer (bộ cài đặt): per-user, no admin rights, Vietnamese, keeps the user's data.
; Built by installers/build.py; by hand, from the repository folder in cmd.exe (makensis works in this
; script's folder, so the paths given must be absolute):
;   makensis /INPUTCHARSET UTF8 /DVERSION=0.1.0 /DVERSION_QUAD=0.1.0.0 /DSOURCE_DIR=%CD%\dist\KhuyenCong /DOUTFILE=%CD%\dist\KhuyenCong-0.1.0-setup.exe installers\khuyencong.nsi
; SOURCE_DIR is the PyInstaller one-folder bundle; a Linux bundle compiles too (a structural check).

Unicode true
; Releases use solid LZMA (smallest, minutes to build); the CI structural check on Linux passes
; /DUNCOMPRESSED, which only copies the files in.
!ifdef UNCOMPRESSED
  SetCompress off
!else
  SetCompressor /SOLID lzma
!endif

!ifndef VERSION
  !error "Thiếu /DVERSION=<phiên bản> (installers/build.py truyền __version__)"
!endif
!ifndef VERSION_QUAD
  !error "Thiếu /DVERSION_QUAD=<a.b.c.d>"
!endif
!ifndef SOURCE_DIR
  !error "Thiếu /DSOURCE_DIR=<thư mục bundle của PyInstaller>"
!endif
!ifndef OUTFILE
  !define OUTFILE "KhuyenCong-${VERSION}-setup.exe"
!endif
!ifndef ICON
  ; Relative to this script: makensis works in the script's folder.
  !define ICON "../resources/icons/khuyencong.ico"
!endif

!define APP "KhuyenCong"
!define APP_EXE "KhuyenCong.exe"
!define CLI_EXE "khuyencong-cli.exe"
!define PUBLISHER "KhuyenCong Desktop"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!define PROG_ID "KhuyenCong.Package"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "Software\${APP}" "InstallDir"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION_QUAD}"
VIAddVersionKey /LANG=1066 "ProductName" "${APP}"
VIAddVersionKey /LANG=1066 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "FileDescription" "Bộ cài đặt ${APP} ${VERSION}"
VIAddVersionKey /LANG=1066 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1066 "LegalCopyright" "${PUBLISHER}"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Mở ${APP} ngay"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Vietnamese"

; Program files must not be replaced or removed while the program runs. Windows lets a running
; executable be renamed but never opened for writing, so opening it for writing tells whether it runs.
; $R0: the executable to check.
!macro DEFINE_WAIT_CLOSED UN
Function ${UN}WaitClosed
  retry:
  IfFileExists "$R0" 0 closed
  ClearErrors
  FileOpen $R1 "$R0" a
  IfErrors running
  FileClose $R1
  Goto closed
  running:
  MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APP} đang chạy. Hãy đóng chương trình rồi bấm Thử lại." /SD IDCANCEL IDRETRY retry
  Abort
  closed:
FunctionEnd
!macroend
!insertmacro DEFINE_WAIT_CLOSED ""
!insertmacro DEFINE_WAIT_CLOSED "un."

Section "${APP}" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  StrCpy $R0 "$INSTDIR\${APP_EXE}"
  Call WaitClosed
  StrCpy $R0 "$INSTDIR\${CLI_EXE}"
  Call WaitClosed
  ; Files of the previous version go first, so no stale library is left behind. User data is not
  ; here: it lives in %APPDATA%\${APP} (or in data\ beside a portable copy, never installed).
  RMDir /r "$INSTDIR\_internal"
  File /r "${SOURCE_DIR}/*"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortCut "$SMPROGRAMS\${APP}\${APP}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
  CreateShortCut "$SMPROGRAMS\${APP}\Gỡ cài đặt ${APP}.lnk" "$INSTDIR\Uninstall.exe"

  ; .kcx exchange packages open in KhuyenCong (per user: HKCU\Software\Classes needs no admin).
  WriteRegStr HKCU "Software\Classes\.kcx" "" "${PROG_ID}"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}" "" "Gói trao đổi dữ liệu KhuyenCong"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\DefaultIcon" "" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  WriteRegStr HKCU "Software\${APP}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  StrCpy $R0 "$INSTDIR\${APP_EXE}"
  Call un.WaitClosed
  StrCpy $R0 "$INSTDIR\${CLI_EXE}"
  Call un.WaitClosed
  ; Only the program goes; the officer's databases, backups and settings in %APPDATA%\${APP} stay.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP}\${APP}.lnk"
  Delete "$SMPROGRAMS\${APP}\Gỡ cài đặt ${APP}.lnk"
  RMDir "$SMPROGRAMS\${APP}"

  ReadRegStr $0 HKCU "Software\Classes\.kcx" ""
  StrCmp $0 "${PROG_ID}" 0 +2
  DeleteRegKey HKCU "Software\Classes\.kcx"
  DeleteRegKey HKCU "Software\Classes\${PROG_ID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey HKCU "Software\${APP}"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd

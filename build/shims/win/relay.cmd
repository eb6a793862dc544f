@echo off
rem relay: the Relay Desk CLI, run by the installed app itself (no Node needed). Lives in <install>\resources\bin.
"%~dp0..\..\Relay Desk.exe" relay %*
exit /b %ERRORLEVEL%

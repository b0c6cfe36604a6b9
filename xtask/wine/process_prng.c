/*
 * bcryptprimitives.dll for Wine 8, which lacks it: Rust's standard library
 * (1.78 and later) takes its random numbers from ProcessPrng in that DLL, so
 * without it every Windows test program stops at load. This one answers
 * ProcessPrng with BCryptGenRandom, the system generator Wine does have.
 * Built by `cargo xtask test` with mingw-w64 and copied into the test Wine
 * prefix only; nothing of it ships with Portal Desk.
 */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG piece = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, piece, BCRYPT_USE_SYSTEM_PREFERRED_RNG))) {
            return FALSE;
        }
        data += piece;
        length -= piece;
    }
    return TRUE;
}

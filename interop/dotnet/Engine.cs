// The managed side of the C ABI (interop/include/ecd.h): loads the native library by full path and
// moves UTF-8 bytes across. It holds no logic: requests and responses are JSON built and read elsewhere.
using System;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace ExchangeConnectorDoctor.Interop
{
    /// <summary>A failure reported by the native engine: its status code and message.</summary>
    public sealed class EngineException : Exception
    {
        public EngineException(int status, string message) : base(message) { Status = status; }
        public int Status { get; }
    }

    public static class Engine
    {
        private const string Library = "ecd";
        private static readonly object Gate = new object();
        private static IntPtr handle = IntPtr.Zero;
        private static bool resolverRegistered;

        /// <summary>The full path of the native library this process loaded, or null.</summary>
        public static string LoadedPath { get; private set; }

        /// <summary>
        /// Loads the native library from a full path before the first call. On .NET Core an import resolver
        /// maps "ecd" to that file; on .NET Framework (Windows) the module is loaded with LoadLibrary so that
        /// DllImport finds it already in the process. Loading the same path again does nothing.
        /// </summary>
        public static void Load(string fullPath)
        {
            if (string.IsNullOrEmpty(fullPath)) throw new ArgumentNullException(nameof(fullPath));
            lock (Gate)
            {
                if (handle != IntPtr.Zero)
                {
                    if (string.Equals(LoadedPath, fullPath, StringComparison.OrdinalIgnoreCase)) return;
                    throw new InvalidOperationException(
                        "The native library is already loaded from '" + LoadedPath + "'; start a new PowerShell process to load '" + fullPath + "'.");
                }
                Type nativeLibrary = Type.GetType("System.Runtime.InteropServices.NativeLibrary", false);
                if (nativeLibrary != null)
                {
                    MethodInfo load = nativeLibrary.GetMethod("Load", new[] { typeof(string) });
                    handle = (IntPtr)load.Invoke(null, new object[] { fullPath });
                    RegisterResolver(nativeLibrary);
                }
                else
                {
                    handle = LoadLibraryW(fullPath);
                    if (handle == IntPtr.Zero)
                        throw new DllNotFoundException("LoadLibrary failed for '" + fullPath + "' (Win32 error " + Marshal.GetLastWin32Error() + ").");
                }
                LoadedPath = fullPath;
            }
        }

        private static void RegisterResolver(Type nativeLibrary)
        {
            if (resolverRegistered) return;
            Type resolverType = Type.GetType("System.Runtime.InteropServices.DllImportResolver", false);
            MethodInfo set = nativeLibrary.GetMethod("SetDllImportResolver");
            MethodInfo resolve = typeof(Engine).GetMethod(nameof(Resolve), BindingFlags.NonPublic | BindingFlags.Static);
            Delegate resolver = Delegate.CreateDelegate(resolverType, resolve);
            set.Invoke(null, new object[] { typeof(Engine).Assembly, resolver });
            resolverRegistered = true;
        }

        private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
        {
            return libraryName == Library ? handle : IntPtr.Zero;
        }

        /// <summary>ecd_abi_version().</summary>
        public static int AbiVersion() { return ecd_abi_version(); }

        /// <summary>ecd_version_string().</summary>
        public static string VersionString() { return Utf8At(ecd_version_string()); }

        /// <summary>Runs one request (JSON text) and returns the response (JSON text).</summary>
        public static string Run(string request)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(request ?? string.Empty);
            IntPtr response;
            int status = ecd_request_run(bytes, new UIntPtr((ulong)bytes.Length), out response);
            if (status != 0) throw new EngineException(status, Utf8At(ecd_status_str(status)) + ": " + Utf8At(ecd_errmsg()));
            try
            {
                IntPtr data;
                UIntPtr length;
                status = ecd_response_json(response, out data, out length);
                if (status != 0) throw new EngineException(status, Utf8At(ecd_status_str(status)) + ": " + Utf8At(ecd_errmsg()));
                byte[] copy = new byte[checked((int)length.ToUInt64())];
                Marshal.Copy(data, copy, 0, copy.Length);
                return Encoding.UTF8.GetString(copy);
            }
            finally
            {
                ecd_response_free(response);
            }
        }

        /// <summary>ecd_logs_read on the calling thread, without progress: the summary response (JSON text).</summary>
        public static string ReadLogs(string request)
        {
            LogReading reading = LogReading.Start(request);
            reading.Wait(System.Threading.Timeout.Infinite);
            return reading.Result();
        }

        internal static string RunLogs(string request, ProgressCallback progress)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(request ?? string.Empty);
            IntPtr response;
            int status = ecd_logs_read(bytes, new UIntPtr((ulong)bytes.Length), progress, IntPtr.Zero, out response);
            if (status != 0) throw new EngineException(status, Utf8At(ecd_status_str(status)) + ": " + Utf8At(ecd_errmsg()));
            try
            {
                IntPtr data;
                UIntPtr length;
                status = ecd_response_json(response, out data, out length);
                if (status != 0) throw new EngineException(status, Utf8At(ecd_status_str(status)) + ": " + Utf8At(ecd_errmsg()));
                byte[] copy = new byte[checked((int)length.ToUInt64())];
                Marshal.Copy(data, copy, 0, copy.Length);
                return Encoding.UTF8.GetString(copy);
            }
            finally
            {
                ecd_response_free(response);
            }
        }

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate int ProgressCallback(IntPtr context, ulong bytesDone, ulong bytesTotal);

        private static string Utf8At(IntPtr text)
        {
            if (text == IntPtr.Zero) return string.Empty;
            int length = 0;
            while (Marshal.ReadByte(text, length) != 0) length++;
            byte[] bytes = new byte[length];
            Marshal.Copy(text, bytes, 0, length);
            return Encoding.UTF8.GetString(bytes);
        }

        [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern IntPtr LoadLibraryW(string path);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern int ecd_abi_version();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern IntPtr ecd_version_string();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern IntPtr ecd_status_str(int status);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern IntPtr ecd_errmsg();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern int ecd_request_run(byte[] request, UIntPtr requestLength, out IntPtr response);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern int ecd_logs_read(byte[] request, UIntPtr requestLength, ProgressCallback progress, IntPtr context, out IntPtr response);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern int ecd_response_json(IntPtr response, out IntPtr data, out UIntPtr length);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern void ecd_response_free(IntPtr response);
    }

    /// <summary>
    /// One ecd_logs_read on a background thread, so that the caller (a PowerShell pipeline) can show progress
    /// and stop it: Wait in short steps, read BytesDone/BytesTotal, Cancel (the engine stops within about a
    /// second), then Result. Holds no logic: the request and the response are JSON made and read elsewhere.
    /// </summary>
    public sealed class LogReading
    {
        private readonly System.Threading.Thread thread;
        private readonly Engine.ProgressCallback callback;  // kept alive while native code may call it
        private readonly System.Threading.ManualResetEvent finished = new System.Threading.ManualResetEvent(false);
        private long bytesDone;
        private long bytesTotal;
        private volatile bool cancel;
        private string result;
        private Exception error;

        private LogReading(string request)
        {
            callback = OnProgress;
            thread = new System.Threading.Thread(() =>
            {
                try { result = Engine.RunLogs(request, callback); }
                catch (Exception e) { error = e; }
                finally { finished.Set(); }
            });
            thread.IsBackground = true;
        }

        /// <summary>Starts reading the logs that the request (ecd_logs_read's JSON) names.</summary>
        public static LogReading Start(string request)
        {
            LogReading reading = new LogReading(request);
            reading.thread.Start();
            return reading;
        }

        public long BytesDone { get { return System.Threading.Interlocked.Read(ref bytesDone); } }
        public long BytesTotal { get { return System.Threading.Interlocked.Read(ref bytesTotal); } }
        public bool IsCompleted { get { return finished.WaitOne(0); } }

        /// <summary>Waits up to the given milliseconds; true when the read has ended.</summary>
        public bool Wait(int milliseconds) { return finished.WaitOne(milliseconds); }

        /// <summary>Asks the engine to stop; the read ends with an EngineException (ECD_ECANCELED).</summary>
        public void Cancel() { cancel = true; }

        /// <summary>The response JSON; throws the engine's failure. Call after Wait returned true.</summary>
        public string Result()
        {
            if (!IsCompleted) throw new InvalidOperationException("The log read has not ended yet.");
            if (error != null) throw error;
            return result;
        }

        private int OnProgress(IntPtr context, ulong done, ulong total)
        {
            System.Threading.Interlocked.Exchange(ref bytesDone, (long)done);
            System.Threading.Interlocked.Exchange(ref bytesTotal, (long)total);
            return cancel ? 1 : 0;
        }
    }
}

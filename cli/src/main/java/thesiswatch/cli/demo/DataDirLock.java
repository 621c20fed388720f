package thesiswatch.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An exclusive lock on a data directory, so two demos never share one broker's files. */
final class DataDirLock implements AutoCloseable {

  static final String FILE = ".lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code dataDir}, creating it when missing.
   *
   * @throws IllegalStateException when another process holds it
   */
  static DataDirLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      Files.createDirectories(dataDir);
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new IllegalStateException(
            "data directory "
                + dataDir.toAbsolutePath().normalize()
                + " is locked by another running thesiswatch demo ("
                + file
                + "); stop it, or choose another directory with --data DIR");
      }
      return new DataDirLock(channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock data directory " + dataDir, e);
    }
  }

  @Override
  public void close() {
    try (channel) {
      lock.release();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package thesiswatch.dashboard;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.FilterIndexOutput;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;

/**
 * A directory with a capacity, for machines where a test cannot mount a small filesystem: the bytes
 * of its files count against it (written bytes added, deleted files subtracted), and a write past
 * it fails as a full disk does, with {@code IOException: No space left on device}. The capacity can
 * be raised while the directory is in use ("space returns").
 */
final class SizeCappedDirectory extends FilterDirectory {

  private final AtomicLong capacity;
  private final AtomicLong used = new AtomicLong();

  SizeCappedDirectory(Directory in, AtomicLong capacity) throws IOException {
    super(in);
    this.capacity = capacity;
    for (String file : in.listAll()) {
      used.addAndGet(in.fileLength(file));
    }
  }

  /** Bytes of its files now. */
  long used() {
    return used.get();
  }

  @Override
  public IndexOutput createOutput(String name, IOContext context) throws IOException {
    return new Counting(in.createOutput(name, context));
  }

  @Override
  public IndexOutput createTempOutput(String prefix, String suffix, IOContext context)
      throws IOException {
    return new Counting(in.createTempOutput(prefix, suffix, context));
  }

  @Override
  public void deleteFile(String name) throws IOException {
    long length = in.fileLength(name);
    in.deleteFile(name);
    used.addAndGet(-length);
  }

  private void reserve(long bytes) throws IOException {
    if (used.addAndGet(bytes) > capacity.get()) {
      used.addAndGet(-bytes);
      throw new IOException("No space left on device");
    }
  }

  /** Counts what is written to one file against the capacity. */
  private final class Counting extends FilterIndexOutput {
    Counting(IndexOutput out) {
      super("capped(" + out + ")", out.getName(), out);
    }

    @Override
    public void writeByte(byte b) throws IOException {
      reserve(1);
      out.writeByte(b);
    }

    @Override
    public void writeBytes(byte[] b, int offset, int length) throws IOException {
      reserve(length);
      out.writeBytes(b, offset, length);
    }
  }
}

using System.Text;
using AutoScale.Models.Verification;

namespace AutoScale.Models.Tests.HuggingFace;

public sealed class ContentHasherTests
{
    [Fact]
    public void A_git_blob_id_covers_the_blob_header_as_git_hash_object_does()
    {
        // `printf 'hello\n' | git hash-object --stdin`
        using var hasher = new ContentHasher(ContentHashKind.GitBlobSha1, 6);
        hasher.Append(Encoding.ASCII.GetBytes("hello\n"));

        Assert.Equal("git-blob-sha1:ce013625030ba8dba906f756967f9e9ca394464a", hasher.Finish().ToString());
    }

    [Fact]
    public void A_restart_forgets_the_bytes_hashed_so_far()
    {
        using var hasher = new ContentHasher(ContentHashKind.Sha256, 3);
        hasher.Append([9, 9]);
        hasher.Restart();
        hasher.Append("abc"u8);

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hasher.Finish().Hex);
    }

    [Theory]
    [InlineData("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", true)]
    [InlineData("git-blob-sha1:ce013625030ba8dba906f756967f9e9ca394464a", true)]
    [InlineData("sha256:ce013625030ba8dba906f756967f9e9ca394464a", false)]
    [InlineData("md5:ce013625030ba8dba906f756967f9e9c", false)]
    [InlineData("sha256:zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", false)]
    public void A_recorded_checksum_is_read_back_only_when_well_formed(string text, bool valid)
    {
        Assert.Equal(valid, ContentHash.TryParse(text, out var hash));
        Assert.Equal(valid ? text : null, hash?.ToString());
    }
}
